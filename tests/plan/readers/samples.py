"""Builders of sample plan files (HTML page, .docx, PDF, .xlsx) from the seed's body."""

from __future__ import annotations

from html import escape

CATALOGUE = [
    ("索引号", "014109429/2023-00052", "法定主动公开分类", "生态环境"),
    ("文件编号", "常政发〔2023〕23号", "发布机构", "常州市人民政府"),
    ("生成日期", "2023-04-17", "公开日期", "2023-04-27"),
    ("公开方式", "主动公开", "废止日期", "有效"),
]
MENU = ["首页", "政务公开", "政务服务", "政民互动", "走进常州", "专题专栏"]
RELATED = ["关于做好2023年大气污染防治工作的通知", "常州市“十四五”生态环境保护规划", "市政府办公室关于印发若干文件"]

TASK_TABLE = [
    ["序号", "类别", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "绿色低碳", "编制市级碳达峰实施方案", "市发改委", "市工信局、生态环境局", "2023年6月底前"],
    ["2", None, "推进煤电机组“三改联动”", None, "市工信局", "年底前"],
    ["3", "蓝天保卫", "完成4504家活性炭企业核查", "市生态环境局", "各辖市区", "9月底前"],
]
"""A task table; None marks a cell merged with the one above (类别 and 牵头单位 of task 2)."""


def html_page(title: str, paragraphs: list[str], table: list[list[str | None]] | None = None) -> str:
    """A government-site page: menus, breadcrumb, 浏览次数, catalogue table, article, 扫一扫, footer."""
    menu = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    related = "".join(f'<li><a href="/r{i}">{r}</a><span>2023-04-0{i + 1}</span></li>' for i, r in enumerate(RELATED))
    catalogue = "".join(
        f"<tr><th>{a}：</th><td>{escape(b)}</td><th>{c}：</th><td>{escape(d)}</td></tr>" for a, b, c, d in CATALOGUE
    )
    catalogue += f'<tr><th>信息名称：</th><td colspan="3">{escape(title)}</td></tr>'
    catalogue += f'<tr><th>内容概述：</th><td colspan="3">{escape(title)}</td></tr>'
    body = "".join(f"<p style=\"text-indent:2em\">&nbsp;&nbsp;{escape(p)}</p>\n" for p in paragraphs)
    if table:
        body += html_table(table)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}_常州市人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计，代码；");</script>
<style>.main {{ width: 1200px; }}</style></head>
<body>
<div class="top"><ul class="menu">{menu}</ul><div class="search"><input type="text"><button>搜索</button></div></div>
<div class="wrap">
 <div class="pos">您当前的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk">政务公开</a> &gt;&gt; 正文</div>
 <div class="col-left"><h3>相关信息</h3><ul>{related}</ul></div>
 <div class="col-main">
  <table class="xxgk">{catalogue}</table>
  <h1 class="title">{escape(title)}</h1>
  <div class="info">浏览次数：<span id="hits">1024</span></div>
  <div class="zoom">{body}</div>
  <div class="share"><img src="qr.png" alt="">扫一扫在手机打开当前页</div>
  <div class="tools">【打印本页】 【关闭窗口】</div>
 </div>
</div>
<div class="footer"><p>主办：常州市人民政府办公室　承办：常州市大数据管理中心</p>
<p>网站标识码：3204000001　苏ICP备05009036号</p></div>
</body></html>"""


def html_table(rows: list[list[str | None]]) -> str:
    """``rows`` as an HTML table; a None cell is covered by a rowspan from the cell above."""
    spans = [[1] * len(rows[0]) for _ in rows]
    for r in range(len(rows) - 1, 0, -1):
        for c, cell in enumerate(rows[r]):
            if cell is None:
                spans[r - 1][c] += spans[r][c]
    out = ["<table border=\"1\">"]
    for r, row in enumerate(rows):
        cells = "".join(
            (f'<td rowspan="{spans[r][c]}">' if spans[r][c] > 1 else "<td>") + escape(cell) + "</td>"
            for c, cell in enumerate(row) if cell is not None
        )
        out.append(f"<tr>{cells}</tr>")
    return "".join(out) + "</table>"


def docx_bytes(title: str, paragraphs: list[str], table: list[list[str | None]] | None = None,
               table_after: int = 0, core_title: str | None = None) -> bytes:
    """A .docx of ``paragraphs`` with ``table`` after paragraph ``table_after``; None cells are
    merged with the cell above (a vertically merged 类别/牵头单位)."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(title)
    for i, text in enumerate(paragraphs):
        document.add_paragraph("\u3000\u3000" + text)
        if table and i + 1 == table_after:
            _docx_table(document, table)
    if core_title:
        document.core_properties.title = core_title
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_table(document, rows: list[list[str | None]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None:
                table.cell(r, c).text = cell
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                top = r - 1
                while rows[top][c] is None:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))


def xlsx_bytes(rows: list[list[str | None]], title: str | None = None, sheet: str = "任务清单",
               extra_sheet: bool = False) -> bytes:
    """An .xlsx task list: an optional merged title row, then ``rows``; None cells are merged
    with the cell above."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    offset = 0
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        ws.append([])
        offset = 2
    for row in rows:
        ws.append([int(c) if c and c.isdigit() else c for c in row])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None and rows[r - 1][c] is not None:
                end = r
                while end + 1 < len(rows) and rows[end + 1][c] is None:
                    end += 1
                ws.merge_cells(start_row=offset + r, start_column=c + 1, end_row=offset + end + 1, end_column=c + 1)
    if extra_sheet:
        wb.create_sheet("说明").append(["本表由市生态文明建设领导小组办公室编制"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


RUNNING_HEAD = "常州市生态文明建设工作"


def pdf_bytes(paragraphs: list[str], centred: set[int] = frozenset(), flush: set[int] = frozenset(),
              image_only: bool = False) -> bytes:
    """A text-layer PDF laid out like a government document: STSong-Light 14 pt, paragraphs
    indented two characters and wrapped at the margin, a running head and "— n —" page numbers.
    ``image_only`` draws each page as a picture instead: what a scanner produces."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font, size, left, right, top, bottom = "STSong-Light", 14, 80, 515, 760, 90
    lines = []
    for i, text in enumerate(paragraphs):
        # STSong-Light's encoding (UniGB-UCS2-H) has no U+00B7; GB2312's middle dot is reached
        # through U+30FB, which a PDF reader maps back to U+00B7.
        text = text.replace("\u00b7", "\u30fb")
        if i in centred:
            width = pdfmetrics.stringWidth(text, font, size)
            lines.append(((left + right - width) / 2, text))
        else:
            lines.extend(_wrap(text, "" if i in flush else "\u3000\u3000", font, size, left, right))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    per_page = int((top - bottom) / (size * 1.6))
    for page, start in enumerate(range(0, len(lines), per_page)):
        if image_only:
            _draw_scan(pdf)
        else:
            pdf.setFont(font, 9)
            pdf.drawString(left, 800, RUNNING_HEAD)
            pdf.setFont(font, size)
            for n, (x, text) in enumerate(lines[start:start + per_page]):
                pdf.drawString(x, top - n * size * 1.6, text)
            pdf.drawCentredString((left + right) / 2, 50, f"— {page + 1} —")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _wrap(text, indent, font, size, left, right):
    from reportlab.pdfbase import pdfmetrics

    out, line = [], indent
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, font, size) > right - left:
            out.append(line)
            line = ""
        line += ch
    out.append(line)
    return [(left, ln) for ln in out]


def _draw_scan(pdf) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (300, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 380, 16):
        draw.rectangle((30, y, 270, y + 8), fill=40)
    pdf.drawImage(ImageReader(image), 0, 0, width=595, height=842)


def pdf_with_table(before: list[str], rows: list[list[str | None]], after: list[str],
                   widths: tuple[int, ...] = (30, 60, 150, 70, 90, 70)) -> bytes:
    """One PDF page: paragraphs, a ruled table (None cells merged with the cell above, as a
    vertically merged 类别/牵头单位 is drawn: no rule between them), paragraphs."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    left, y, size, row_h = 60, 760, 12, 24
    pdf.setFont("STSong-Light", size)
    for text in before:
        pdf.drawString(left + 2 * size, y, text)
        y -= 22
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    top = y + 4
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None:
                pdf.setFont("STSong-Light", 8)
                pdf.drawString(xs[c] + 2, top - (r + 1) * row_h + 8, cell)
    bottom = top - len(rows) * row_h
    for x in xs:
        pdf.line(x, top, x, bottom)
    pdf.line(xs[0], top, xs[-1], top)
    for r in range(1, len(rows) + 1):
        y_line = top - r * row_h
        for c in range(len(widths)):
            below_merged = r < len(rows) and rows[r][c] is None
            if not below_merged:
                pdf.line(xs[c], y_line, xs[c + 1], y_line)
    y = bottom - 26
    pdf.setFont("STSong-Light", size)
    for text in after:
        pdf.drawString(left + 2 * size, y, text)
        y -= 22
    pdf.save()
    return buf.getvalue()
