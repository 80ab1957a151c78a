"""HTML pages of government sites: article text only, catalogue table as metadata."""

from __future__ import annotations

from ecoplan.plan.readers import read_document
from ecoplan.plan.source import TableRow

from samples import TASK_TABLE, html_page


def test_seed_page_gives_the_body_and_catalogue(tmp_path, seed_body, seed_meta):
    path = tmp_path / "t20230427_1.html"
    path.write_text(html_page(seed_body[0], seed_body[1:]), encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.meta == seed_meta
    assert doc.tables == [] and doc.warnings == []


def test_gbk_page_without_doctype(tmp_path, seed_body, seed_meta):
    page = html_page(seed_body[0], seed_body[1:]).replace("<!DOCTYPE html>\n", "").replace("utf-8", "gbk")
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode("gbk"))
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.meta == seed_meta


def test_task_table_inside_the_article_with_rowspans(tmp_path, seed_body):
    path = tmp_path / "p.html"
    path.write_text(html_page(seed_body[0], seed_body[1:5], TASK_TABLE), encoding="utf-8")
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[:5] == seed_body[:5]
    assert lines[5:] == [
        "序号\t类别\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t绿色低碳\t编制市级碳达峰实施方案\t市发改委\t市工信局、生态环境局\t2023年6月底前",
        "2\t绿色低碳\t推进煤电机组“三改联动”\t市发改委\t市工信局\t年底前",
        "3\t蓝天保卫\t完成4504家活性炭企业核查\t市生态环境局\t各辖市区\t9月底前",
    ]
    (table,) = doc.tables
    assert table.where == "table 1"
    assert table.roles == {"number": 0, "section": 1, "title": 2, "lead": 3, "cooperating": 4, "deadline": 5}
    assert table.rows[1] == TableRow(row=3, cells={
        "number": "2", "section": "绿色低碳", "title": "推进煤电机组“三改联动”", "lead": "市发改委",
        "cooperating": "市工信局", "deadline": "年底前",
    })
    assert [r.row for r in table.rows] == [2, 3, 4]


def test_article_found_without_any_known_class(tmp_path):
    paragraphs = ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米，优良天数比率不低于80%。",
                  "二、重点任务", "1. 推进固定源深度治理。（市生态环境局牵头，市工信局配合）"]
    links = "".join(f"<a href='#'>链接{i}</a> " for i in range(40))
    page = ("<html><body><div id='a'>" + links + "</div><div id='b'><div id='c'><span>方案</span>"
            + "".join(f"<div>{p}</div>" for p in paragraphs)
            + "</div></div><div id='d'>版权所有 网站地图 联系我们</div></body></html>")
    path = tmp_path / "x.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == ["方案"] + paragraphs


def test_html_saved_as_txt_is_read_as_html_and_said_so(tmp_path, seed_body):
    path = tmp_path / "plan.txt"
    path.write_text(html_page(seed_body[0], seed_body[1:]), encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.warnings == [{"text": "plan.txt", "message": "扩展名 .txt 与文件内容不符：内容是 HTML 网页，已按 HTML 网页 读取"}]


def test_catalogue_laid_out_in_boxes_and_title_from_the_heading(tmp_path):
    page = """<html><body><div class="nav"><a href="/">首页</a></div>
    <ul class="xxgk"><li><span>索 引 号：</span><span>11320400/2022-00001</span></li>
    <li><span>发文字号：</span><span>锡政发[2022]7号</span></li></ul>
    <div class="grid"><div class="k">发布机构：</div><div class="v">无锡市人民政府</div>
    <div class="k">成文日期：</div><div class="v">2022年3月9日</div></div>
    <div class="article"><h2>无锡市2022年生态文明建设工作方案</h2>
    <div class="text"><p>一、工作目标</p><p>全市PM2.5浓度控制在29微克/立方米以内，空气质量优良天数比率达到82%。</p></div></div>
    </body></html>"""
    path = tmp_path / "wx.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.meta == {"title": "无锡市2022年生态文明建设工作方案", "doc_number": "锡政发〔2022〕7号",
                        "issuer": "无锡市人民政府", "signed": "2022-03-09", "published": None}
    assert doc.text.split("\n") == ["无锡市2022年生态文明建设工作方案", "一、工作目标",
                                    "全市PM2.5浓度控制在29微克/立方米以内，空气质量优良天数比率达到82%。"]


def test_old_site_laid_out_with_tables(tmp_path):
    paragraphs = ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米，优良天数比率不低于80%。",
                  "1. 推进固定源深度治理。（市生态环境局牵头，市工信局配合）"]
    menu = "".join(f"<tr><td><a href='#'>栏目{i}</a></td></tr>" for i in range(12))
    article = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f"<html><body><table width='980'><tr><td width='200'><table>{menu}</table></td>"
            f"<td><table><tr><td>浏览次数：12</td></tr></table>{article}</td></tr>"
            f"<tr><td colspan='2'>版权所有：某市人民政府</td></tr></table></body></html>")
    path = tmp_path / "old.htm"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).text.split("\n") == paragraphs


def test_word_single_file_web_page_saved_as_doc(tmp_path, seed_body, seed_meta):
    from email.message import EmailMessage

    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message["Subject"] = "plan"
    message.set_type("multipart/related")
    html = EmailMessage()
    html.set_content(html_page(seed_body[0], seed_body[1:]), subtype="html", charset="gb18030", cte="quoted-printable")
    message.attach(html)
    image = EmailMessage()
    image.set_content(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png")
    message.attach(image)
    path = tmp_path / "方案.doc"
    path.write_bytes(message.as_bytes())
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.meta == seed_meta
    assert doc.warnings == [{"text": "方案.doc", "message": "扩展名 .doc 与文件内容不符：内容是 MHT 单个文件网页，已按 MHT 单个文件网页 读取"}]
