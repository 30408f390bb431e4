"""A full report with realistic narrative (six pages), shared by the export tests and benchmark."""
from __future__ import annotations

from datetime import date

from reports.demo.generate import Profile, generate
from reports.services import report_write

PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定编制。"
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项六个部分。"
    "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    "本报告电子版可在区人民政府门户网站政府信息公开专栏下载。"
    "如对本报告有疑问，请与本机关办公室联系（地址：某某路88号，邮编：450000，电话：0379-12345678，"
    "传真：0379-12345679，电子邮箱：gk@example.gov.cn）。"
)
MORE = {
    "text.overview.active": (
        "**一是强化重点领域信息公开。**围绕财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域，"
        "及时发布相关信息，确保群众关心关切的事项公开到位。全年更新重点领域信息专栏内容，做到应公开尽公开。\n"
        "**二是做好政策解读与回应关切。**坚持政策文件与解读材料同步组织、同步审签、同步发布，"
        "采用图文解读、问答解读等方式，提升解读的针对性和可读性，对社会关注的热点问题及时作出回应。"
    ),
    "text.overview.oversight": (
        "调整充实政府信息公开工作领导小组，明确分管领导和具体工作人员，将政府信息公开工作纳入年度目标考核。"
        "组织开展政府信息公开业务培训两次，参训人员六十余人次，进一步提升工作人员的业务能力。"
        "本年度未发生因政府信息公开工作被责任追究的情况。"
    ),
    "text.problems": (
        "**（一）存在的主要问题。**一是政策解读形式还不够丰富，图解、视频等解读材料占比偏低；"
        "二是部分栏目信息更新不够及时，个别信息发布后未及时关联解读材料。\n"
        "**（二）改进措施。**一是丰富政策解读形式，提高图解、音视频解读比例；"
        "二是建立栏目更新提醒机制，定期检查栏目内容，确保信息及时、准确、完整。"
    ),
    "text.other": (
        "本年度未收取信息处理费。\n"
        "认真落实上级年度政务公开工作要点，按要求完成各项任务。"
    ),
}
BUSY = Profile(applications=64, licenses=12400, penalties=930, coercions=120, fees_wan="12.5600", normative=1)


def full_report_data(*, agency: str, year: int = 2024):
    data = generate(agency=agency, year=year, profile=BUSY, seed="exports", previous=None,
                    signed_on=date(year + 1, 1, 20))
    data.texts["text.preamble"] = PREAMBLE.format(year=year)
    for key, extra in MORE.items():
        data.texts[key] = (data.texts.get(key, "") + "\n" + extra).strip()
    return data


def fill_report(report, *, year: int | None = None):
    """Give a stored report the full sample content (through the service, as users would)."""
    data = full_report_data(agency=report.agency.name, year=year or report.year)
    report_write(report=report, cells=data.cells, texts=data.texts, signed_on=data.signed_on)
    report.refresh_from_db()
    return data
