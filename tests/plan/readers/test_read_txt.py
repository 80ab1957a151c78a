"""Text plans: encodings, line endings, catalogue lines at the top."""

from __future__ import annotations

import codecs
import re

import pytest

from ecoplan.plan.readers import read_document


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("gbk", b""),
    ("gb18030", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
])
def test_seed_in_each_encoding_reads_the_same(tmp_path, seed_text, seed_body, seed_meta, encoding, bom):
    path = tmp_path / "plan.txt"
    if encoding == "gbk":  # GBK has no en space (U+2002); a GBK page aligns labels with U+3000
        seed_text = seed_text.replace("\u2002", "\u3000")
    path.write_bytes(bom + seed_text.replace("\n", "\r\n").encode(encoding))
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.meta == seed_meta
    assert doc.warnings == []
    assert doc.file == "plan.txt"


def test_utf8_plan_file_keeps_its_own_hash(seed_plan_path):
    import hashlib

    doc = read_document(seed_plan_path)
    assert doc.sha256 == hashlib.sha256(seed_plan_path.read_bytes()).hexdigest()


def test_full_width_spaces_inside_a_line_are_text(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("\u3000\u3000一、工作目标\u3000（试行）\r\n\r\n\u3000\u3000全市PM2.5浓度不超过31微克/立方米。\r", encoding="gbk")
    doc = read_document(path)
    assert doc.text == "一、工作目标\u3000（试行）\n全市PM2.5浓度不超过31微克/立方米。"


def test_catalogue_labels_spaced_out_and_other_date_forms(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(
        "索　引　号：11320400/2022-00001\n"
        "发文字号：锡政办发[2022] 7号\n"
        "发文机关：无锡市人民政府办公室\n"
        "成文日期：2022年3月9日　　发布日期：2022/03/15\n"
        "关于印发无锡市2022年生态文明建设工作方案的通知\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.meta == {
        "title": None, "doc_number": "锡政办发〔2022〕7号", "issuer": "无锡市人民政府办公室",
        "signed": "2022-03-09", "published": "2022-03-15",
    }
    assert doc.text == "关于印发无锡市2022年生态文明建设工作方案的通知"


def test_a_body_sentence_naming_a_label_is_not_metadata(tmp_path):
    path = tmp_path / "p.txt"
    text = "一、工作目标\n各地在发布日期:前报送情况。\n公开方式要求见附件。"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == text
    assert doc.meta["published"] is None


def test_bare_document_number_line_fills_meta_and_stays(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("常州市人民政府文件\n常政发〔2023〕23号\n关于印发方案的通知\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.meta["doc_number"] == "常政发〔2023〕23号"
    assert doc.text.split("\n")[1] == "常政发〔2023〕23号"


def test_byline_and_site_footer_copied_with_the_text(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(
        "来源：常州市生态环境局　发布时间：2023-04-27 10:12　【字体：大 中 小】\n"
        "一、工作目标\n全市PM2.5浓度不超过31微克/立方米。\n"
        "【打印本页】 【关闭窗口】\n网站地图 | 联系我们 | 无障碍浏览\n"
        "版权所有：常州市人民政府办公室\n主办：常州市人民政府办公室　承办：常州市大数据管理中心\n"
        "苏ICP备05009036号-1　苏公网安备 32041102000123号\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == "一、工作目标\n全市PM2.5浓度不超过31微克/立方米。"
    assert doc.meta["published"] == "2023-04-27"


def test_word_line_and_page_breaks_pasted_into_text(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes("一、工作目标\x0b全市PM2.5浓度不超过31微克/立方米。\x0c二、重点任务".encode("utf-8"))
    assert read_document(path).text.split("\n") == ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米。", "二、重点任务"]


def test_bytes_in_memory_read_like_a_file(seed_plan_path, seed_body):
    from ecoplan.errors import InputError
    from ecoplan.plan.readers import read_bytes

    data = seed_plan_path.read_bytes()
    doc = read_bytes(data, name="上传的方案.txt")
    assert doc.file == "上传的方案.txt" and doc.text.split("\n") == seed_body
    with pytest.raises(InputError, match="文件过大"):
        read_bytes(data, name="a.txt", max_bytes=1000)
    with pytest.raises(InputError, match="文件为空"):
        read_bytes(b"", name="a.txt")


@pytest.mark.parametrize("garble", ["cp1252", "latin-1"])
def test_utf8_garbled_as_latin_text_is_repaired(tmp_path, seed_text, seed_body, seed_meta, garble):
    if garble == "cp1252":  # bytes without a Windows-1252 letter are dropped, as browsers and scrapers do
        garbled = seed_text.encode("utf-8").decode("cp1252", errors="ignore")
    else:
        garbled = seed_text.encode("utf-8").decode("latin-1")
    path = tmp_path / "scraped.txt"
    path.write_text(garbled, encoding="utf-8")
    doc = read_document(path)
    if garble == "latin-1":
        assert doc.text.split("\n") == seed_body
        assert doc.meta == seed_meta
        assert doc.warnings == [{"text": "scraped.txt", "message": "文本编码错乱（UTF-8 被当作 Latin-1/Windows-1252 读取后保存），已还原"}]
    else:
        lost = doc.text.count("\ufffd")
        assert 0 < lost < 0.25 * len(doc.text)
        assert "常州市人民政府" in doc.text.split("\n")
        (warning,) = doc.warnings
        reported = re.fullmatch(r"文本编码错乱（UTF-8 被当作 Latin-1/Windows-1252 读取后保存），已还原；(\d+) 个字符无法还原，显示为 �",
                                warning["message"])
        assert reported and int(reported[1]) >= lost  # counted over the whole file, furniture included


def test_latin_text_is_left_alone(tmp_path):
    path = tmp_path / "fr.txt"
    text = "Plan écologique: qualité de l'air, déchets, forêts. Été 2023 — réunion à Besançon."
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == text and doc.warnings == []


def test_a_table_written_with_bars_is_a_task_table(tmp_path):
    """Pages copied to text render tables as “| … | … |” rows: a task table is read as one."""
    from ecoplan.plan.build import parse_plan
    from ecoplan.plan.gazetteer import load_gazetteer

    path = tmp_path / "plan.txt"
    path.write_text("某市2023年臭氧污染防治攻坚行动方案\n一、重点任务\n"
                    "| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n| --- | --- | --- | --- | --- |\n"
                    "| 1 | 完成20家企业VOCs深度治理 | 市生态环境局 | 市工业和信息化局 | 2023年6月底前 |\n"
                    "| 2 | 推进汽修行业整治 | 市交通运输局 | 市生态环境局、市商务局 | 长期坚持 |\n"
                    "二、保障措施\n| 文件 | 日期 |\n| 通知 | 3月 |\n", encoding="utf-8")
    doc = read_document(path)
    assert len(doc.tables) == 1 and "|" not in doc.text
    plan = parse_plan(doc, load_gazetteer())
    assert [(t["number"], [u["name"] for u in t["responsibility"]["cooperating"]],
             [(d["date"], d["kind"]) for d in t["deadlines"]]) for t in plan["tasks"]] == [
        ("1", ["市工业和信息化局"], [("2023-06-30", "due")]), ("2", ["市生态环境局", "市商务局"], [])]
    assert [t["value"] for t in plan["targets"]] == [20]
