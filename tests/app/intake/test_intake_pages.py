"""The intake pages: upload form, preview with the station confirmation, confirm, history, undo,
and the completeness page."""

from __future__ import annotations

import re

from ecoplan.monitoring.store import Store

from intake_files import city_export


def test_upload_confirm_undo_through_the_pages(login_as, settings, registry_bytes):
    admin = login_as("admin")
    page = admin.get("/monitoring/intake")
    assert page.status_code == 200 and "上传文件" in page.text and "尚无导入记录" in page.text
    assert admin.post("/monitoring/intake/maps", data={"source": "市平台", "mapping": "点位=pm99"}).status_code == 422
    assert admin.post("/monitoring/intake/maps", data={"source": "市平台", "mapping": "点位=站点编码"}).status_code == 303
    response = admin.post("/monitoring/intake", data={"source": "市平台"},
                          files=[("files", ("NewSiteList.csv", registry_bytes, "text/csv")),
                                 ("files", ("city.csv", city_export(), "text/csv"))])
    assert response.status_code == 303
    url = response.headers["location"]
    detail = admin.get(url)
    assert "待确认" in detail.text and "新建站" in detail.text and "新增为站点" in detail.text
    assert re.search(r"1001A</td><td>2023-06</td><td>47", detail.text)
    refused = admin.post(url + "/confirm", data={"code_0": ""})
    assert refused.status_code == 422 and "新建站" in refused.text
    done = admin.post(url + "/confirm", data={"code_0": "__new__", "new_0": "9001A"})
    assert done.status_code == 303
    assert "已导入" in admin.get(url).text
    assert set(Store(settings.data_dir).table("stations")["station"]) >= {"9001A", "1001A"}
    home = admin.get("/monitoring/intake").text
    assert "撤销最近一次导入" in home and "city.csv" in home and "2023-05-31 至 2023-06-02" in home
    assert admin.post("/monitoring/intake/undo").status_code == 303
    assert not Store(settings.data_dir).has("air_hourly") or Store(settings.data_dir).connect().sql(
        "SELECT count(*) FROM air_hourly").fetchall()[0][0] == 0
    assert "已撤销" in admin.get("/monitoring/intake").text


def test_an_upload_without_files_says_so(login_as):
    response = login_as("admin").post("/monitoring/intake", data={"source": ""})
    assert response.status_code == 422 and "请选择要上传的文件" in response.text


def test_completeness_page(login_as):
    viewer = login_as("viewer")
    page = viewer.get("/monitoring/completeness?period=2023-06")
    assert page.status_code == 200 and "GB 3095-2012" in page.text and "本年没有空气数据" in page.text
    assert viewer.get("/monitoring/completeness?period=junk").status_code == 422
    assert login_as("viewer").get("/monitoring/intake").status_code == 403
