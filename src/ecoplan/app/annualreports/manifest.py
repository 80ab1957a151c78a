"""The districts' annual report (辖市区年度工作情况报告) to 市委、市政府: figures from the
platform, text edited by the district, .docx in the GB/T 9704 上行文 layout."""

from ecoplan.app.annualreports import views
from ecoplan.app.annualreports.demo import load_demo_annual_report
from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry

MANIFEST = Manifest(
    name="annualreports",
    routers=(views.router,),
    nav=(NavEntry("/annual-reports", "年度报告", "annualreports.view", 48),),
    audit=AuditLabels(
        actions={"annualreport.drafted": "汇总辖市区年度工作情况报告",
                 "annualreport.saved": "修改辖市区年度工作情况报告"},
        objects={"annualreport": "辖市区年度工作情况报告"},
        fields={"signer": "签发人", "text_length": "正文字数", "dated": "成文日期"},
        object_fields={("annualreport", "unit"): "辖市区", ("annualreport", "year"): "年度",
                       ("annualreport", "doc_number"): "发文字号",
                       ("annualreport", "dated"): "成文日期",
                       ("annualreport", "version"): "版本"}),
    demo_steps=(load_demo_annual_report,),
)
