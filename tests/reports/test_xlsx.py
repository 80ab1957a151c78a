import io

from openpyxl import load_workbook

from ecoplan.reports.xlsx import Sheet, display_width, neutralise, write_workbook


def test_neutralise_formula_triggers():
    for bad in ("=1+2", "+SUM(A1)", "-3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1", "\r=1"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("市发改委") == "市发改委"
    assert neutralise(-3) == -3  # numbers are data, not formulas


def test_workbook_opened_back_has_header_filters_and_no_formulas(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = [["1", "=HYPERLINK(\"http://x\")", 31.0, ["市发改委", "市工信局"]], ["2", "正常文本", None, []]]
    write_workbook([Sheet("任务", ["序号", "任务", "值", "单位"], rows)], path)
    ws = load_workbook(path)["任务"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D3"
    assert ws["A1"].font.bold
    assert ws["B2"].value == "'=HYPERLINK(\"http://x\")"
    assert ws["B2"].data_type == "s"
    assert ws["C2"].value == 31.0
    assert ws["D2"].value == "市发改委、市工信局"
    assert ws.column_dimensions["B"].width >= display_width("=HYPERLINK(\"http://x\")")


def test_bytes_when_no_path():
    data = write_workbook([Sheet("a", ["x"], [[1]])])
    assert load_workbook(io.BytesIO(data))["a"]["A2"].value == 1


def test_cjk_width_counts_double():
    assert display_width("常州abc") == 7


def test_template_sheet_is_protected_with_unlocked_columns_and_validation():
    spec = Sheet("填报", ["编号", "完成值", "操作"], [["a", None, ""], ["b", 2.5, ""]],
                 editable={1, 2}, choices={2: ("保存草稿", "提交审核")}, decimals={1})
    ws = load_workbook(io.BytesIO(write_workbook([spec])))["填报"]
    assert ws.protection.sheet is True
    assert ws["A2"].protection.locked and ws["A1"].protection.locked
    assert not ws["B2"].protection.locked and not ws["C3"].protection.locked
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert rules["list"].formula1 == '"保存草稿,提交审核"' and str(rules["list"].sqref) == "C2:C3"
    assert str(rules["decimal"].sqref) == "B2:B3" and rules["decimal"].showErrorMessage
    plain = load_workbook(io.BytesIO(write_workbook([Sheet("x", ["a"], [[1]])])))["x"]
    assert not plain.protection.sheet and not plain.data_validations.dataValidation
