"""``ecoplan plan parse`` and ``ecoplan plan score`` as a user runs them."""

import json

import pytest

from ecoplan.cli import main


def run(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


def test_parse_prints_utf8_json(seed_plan_path, capsys):
    code, out, err = run(["plan", "parse", str(seed_plan_path)], capsys)
    assert code == 0, err
    assert '"title": "2023年常州市生态文明建设工作方案"' in out  # not ASCII-escaped
    plan = json.loads(out)
    assert plan["format"] == "ecoplan.plan/1" and len(plan["tasks"]) == 36


def test_parse_reads_gbk_and_writes_out(seed_plan_path, tmp_path, capsys):
    gbk = tmp_path / "plan_gbk.txt"
    gbk.write_bytes(seed_plan_path.read_text(encoding="utf-8").encode("gb18030"))
    out_file = tmp_path / "plan.json"
    code, out, err = run(["plan", "parse", str(gbk), "--out", str(out_file)], capsys)
    assert code == 0, err
    assert out == ""
    plan = json.loads(out_file.read_text(encoding="utf-8"))
    assert plan["source"]["file"] == "plan_gbk.txt" and len(plan["tasks"]) == 36


@pytest.mark.parametrize("content, words", [
    (None, ["missing.txt"]),
    (b"", ["empty"]),
    ("这是一份通知，没有编号的任务。\n请认真贯彻执行。\n".encode(), ["未找到可识别的工作任务"]),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, words):
    path = tmp_path / ("missing.txt" if content is None else "empty.txt")
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(["plan", "parse", str(path)], capsys)
    assert code == 2
    assert err.startswith("ecoplan: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert path.name in err


def test_bad_gazetteer_names_the_file(seed_plan_path, tmp_path, capsys):
    bad = tmp_path / "city.yaml"
    bad.write_text("units: [{kind: x}]", encoding="utf-8")
    code, _, err = run(["plan", "parse", str(seed_plan_path), "--gazetteer", str(bad)], capsys)
    assert code == 2 and "city.yaml" in err


def test_score_prints_f1_per_kind(seed_plan_path, annotation_dir, tmp_path, capsys):
    parsed = tmp_path / "p.json"
    run(["plan", "parse", str(seed_plan_path), "--out", str(parsed)], capsys)
    code, out, err = run(["plan", "score", str(parsed), str(annotation_dir / "changzhou_2023.json")], capsys)
    assert code == 0, err
    result = json.loads(out)
    assert result["responsibility"]["f1"] >= 0.98


def test_help_documents_every_option(capsys):
    code, out, _ = run(["plan", "parse", "--help"], capsys)
    assert code == 0
    for option in ["--format", "--out", "--gazetteer", "json", "table", "xlsx", ".plan.xlsx"]:
        assert option in out


def test_table_and_xlsx_formats(seed_plan_path, tmp_path, capsys):
    from openpyxl import load_workbook

    code, out, err = run(["plan", "parse", str(seed_plan_path), "--format", "table"], capsys)
    assert code == 0, err
    assert "2023年常州市生态文明建设工作方案" in out and "市生态环境局" in out
    copy = tmp_path / "cz.txt"
    copy.write_bytes(seed_plan_path.read_bytes())
    code, out, err = run(["plan", "parse", str(copy), "--format", "xlsx"], capsys)
    assert code == 0, err
    written = tmp_path / "cz.plan.xlsx"
    assert out.strip() == str(written)
    book = load_workbook(written)
    assert book.worksheets[0].max_row == 37  # header + 36 tasks


def test_a_city_gazetteer_from_the_command_line(capsys):
    from pathlib import Path

    here = Path(__file__).parent / "synthetic"
    code, out, err = run(["plan", "parse", str(here / "wuxi_style.txt"), "--gazetteer", str(here / "wuxi.yaml")], capsys)
    assert code == 0, err
    plan = json.loads(out)
    assert plan["document"]["region"] == "无锡市"
    assert all(u["known"] for u in plan["units"])
