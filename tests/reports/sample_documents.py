"""A realistic official document to lay out: a quarterly review circular (季度点评通报).

Every number in it is SAMPLE data made up for the tests (the table note says so in the document);
the districts and the issuing office are Changzhou's real names.
"""

from __future__ import annotations

from datetime import date

from ecoplan.reports.charts import bar_chart_png
from ecoplan.reports.official import Figure, Heading, OfficialDocument, Paragraph, Table

DISTRICTS = ["溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区"]
# SAMPLE values: PM2.5 [µg/m³], good-day ratio [%], share of sections class I–III [%], score.
PM25 = [29.8, 31.2, 34.6, 33.1, 35.4, 36.0, 34.9]
GOOD_DAYS = [84.6, 82.4, 78.0, 79.1, 76.9, 75.8, 77.5]
SECTIONS = [100.0, 95.0, 90.9, 92.3, 85.7, 83.3, 87.5]
SCORES = [96.5, 94.0, 88.5, 90.0, 84.5, 82.0, 86.0]
PM25_TARGET = 33.0
ISSUER = "常州市生态文明建设工作领导小组办公室"
TITLE = "关于2023年第二季度全市生态文明建设\n重点工作推进情况的通报"
LONG_PARAGRAPH = (
    "今年以来各地各部门认真贯彻落实全市生态文明建设工作部署要求坚持精准治污科学治污依法治污"
    "持续深入打好蓝天碧水净土保卫战全市生态环境质量总体保持稳定重点任务有序推进"
)


def _ranking_rows():
    order = sorted(range(len(DISTRICTS)), key=lambda i: -SCORES[i])
    return [[rank, DISTRICTS[i], f"{PM25[i]:.1f}", f"{GOOD_DAYS[i]:.1f}", f"{SECTIONS[i]:.1f}", f"{SCORES[i]:.1f}"]
            for rank, i in enumerate(order, start=1)]


def _sample_body(chart: bytes) -> list:
    return [
        Paragraph(LONG_PARAGRAPH + "。现将第二季度全市生态文明建设重点工作推进情况通报如下。"),
        Heading(1, "总体情况"),
        Heading(2, "空气质量。", run_in="第二季度，全市PM2.5平均浓度为33.6微克/立方米，同比下降2.3%；"
                "优良天数比率为79.2%，同比上升1.5个百分点。溧阳市、金坛区PM2.5浓度低于年度目标，"
                "天宁区、钟楼区、常州经开区高于年度目标，需加大攻坚力度。"),
        Heading(2, "水环境质量。", run_in="全市国省考断面水质优Ⅲ比例为90.5%，无劣Ⅴ类断面；"
                "太湖湖体（常州辖区）综合营养状态指数为56.8，处于轻度富营养状态。"),
        Heading(2, "重点任务推进。", run_in="全年确定的重点任务中，已完成序时进度的占86.4%，"
                "滞后序时进度的任务主要集中在挥发性有机物治理、污水管网建设等领域。"),
        Figure(chart, "图1 各辖市（区）PM2.5平均浓度（示例数据）"),
        Heading(1, "季度点评排名"),
        Paragraph("根据《常州市生态文明建设工作考核办法》，对各辖市（区）第二季度工作进行点评打分，结果如下。"),
        Table(["排名", "辖市（区）", "PM2.5（微克/立方米）", "优良天数比率（%）", "优Ⅲ比例（%）", "得分"],
              _ranking_rows(), title="2023年第二季度各辖市（区）点评得分",
              note="注：本表数据为测试用示例数据，非实际监测和考核结果。"),
        Heading(1, "存在问题"),
        Paragraph("一是部分地区大气污染防治压力较大，臭氧污染问题凸显，夏季臭氧浓度同比上升。"
                  "二是部分水体水质不稳定，个别断面存在超标风险。三是部分整改任务推进缓慢，"
                  "中央和省生态环境保护督察反馈问题整改仍有滞后。"),
        Heading(1, "下一步工作要求"),
        Heading(2, "强化大气污染协同治理。"),
        Heading(3, "推进挥发性有机物综合治理。", run_in="各辖市（区）要对照年度任务清单，加快推进重点企业源头替代和末端治理。"),
        Heading(4, "加强夏季臭氧污染防控。", run_in="落实错峰生产等管控措施。"),
        Heading(3, "加强移动源污染防治。", run_in="严格落实非道路移动机械管控要求。"),
        Heading(2, "巩固提升水环境质量。"),
        Paragraph("各地要聚焦国省考断面达标，加快推进污水处理提质增效，强化入河排污口整治。" + LONG_PARAGRAPH + "。"),
        Heading(2, "加快推进问题整改。"),
        Paragraph("对照整改销号清单，逐项明确责任单位、整改措施和完成时限，确保按期整改到位。" * 3),
    ]


def build_sample_circular() -> OfficialDocument:
    chart = bar_chart_png(DISTRICTS, PM25, title="各辖市（区）PM2.5平均浓度（示例数据）", unit="微克/立方米",
                          target=PM25_TARGET, highlight=[v > PM25_TARGET for v in PM25])
    return OfficialDocument(
        issuer=ISSUER,
        doc_number="常生态办〔2023〕5号",
        title=TITLE,
        recipients=["各辖市、区人民政府，常州经开区管委会", "市生态文明建设工作领导小组各成员单位"],
        body=_sample_body(chart),
        attachments=["2023年第二季度各辖市（区）重点任务推进情况表", "2023年第二季度滞后任务清单"],
        signature=ISSUER,
        date=date(2023, 7, 10),
        note="联系人：示例，电话：0519-00000000",
        copy_to=["市委办公室", "市人大常委会办公室", "市政府办公室", "市政协办公室"],
        printer=ISSUER,
        print_date=date(2023, 7, 10),
    )


def seal_png(size_px: int = 420, *, square: bool = False) -> bytes:
    """A SAMPLE seal: a red ring (or square) with a star on a transparent background, no wording."""
    import io as _io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size_px, size_px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red, edge = (230, 0, 18, 230), size_px // 28
    box = (edge, edge, size_px - edge, size_px - edge)
    (draw.rectangle if square else draw.ellipse)(box, outline=red, width=edge)
    c, r = size_px / 2, size_px / 6
    import math as _m
    points = [(c + (r if i % 2 == 0 else r * 0.38) * _m.sin(i * _m.pi / 5), c - (r if i % 2 == 0 else r * 0.38) * _m.cos(i * _m.pi / 5))
              for i in range(10)]
    draw.polygon(points, fill=red)
    buf = _io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


SHORT_BODY = [
    Paragraph("为深入贯彻落实全市生态文明建设工作部署，现将有关事项报告如下。" + LONG_PARAGRAPH + "。"),
    Heading(1, "工作进展"),
    Paragraph("各项重点任务有序推进，整改销号工作按计划开展。" * 2),
]


def build_variant(kind: str) -> OfficialDocument:
    """SAMPLE documents of the variants beyond the single-office 下行文.

    ``upward``: a 上行文 with 份号, 密级和保密期限, 紧急程度, three 签发人 and one seal image;
    ``joint``: three offices issuing jointly with “文件”, sealed with three seal images;
    ``joint_unsealed``: two offices, no seals (7.3.5.2);
    ``stamped``: one office, sealed by hand after printing: the 7.3.5.1 layout without an image.
    """
    from ecoplan.reports.official_signing import SealImage

    common = dict(doc_number="常生态办〔2023〕12号", title="关于2023年上半年生态文明建设\n工作情况的报告",
                  body=SHORT_BODY, date=date(2023, 7, 10))
    if kind == "upward":
        return OfficialDocument(issuer=ISSUER, recipients=["市人民政府"], signature=ISSUER, copy_number="000123",
                                security="秘密", secrecy_term="1年", urgency="加急", signers=["张三", "李四", "欧阳明"],
                                seals=[SealImage(seal_png())], **common)
    offices = ["常州市生态环境局", "常州市发展和改革委员会", "常州市住房和城乡建设局"]
    if kind == "stamped":
        return OfficialDocument(issuer=offices[0], recipients=["各辖市、区人民政府"], signature=offices[0], **common)
    if kind == "joint":
        return OfficialDocument(issuer=offices[0], co_issuers=offices[1:], issuer_suffix="文件",
                                recipients=["各辖市、区人民政府"], signature=offices[0], co_signatures=offices[1:],
                                seals=[SealImage(seal_png(), 40.0)] * 3, **common)
    return OfficialDocument(issuer=offices[0], co_issuers=offices[1:2], recipients=["各辖市、区人民政府"],
                            signature=offices[0], co_signatures=offices[1:2], sealed=False, **common)
