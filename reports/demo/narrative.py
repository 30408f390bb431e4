"""Narrative for demo reports: plausible Chinese text whose numbers match the tables."""
from __future__ import annotations

import random

from reports.data import ReportData

ACTIVE = [
    "{year}年，{short}坚持以公开为常态、不公开为例外，通过区政府门户网站政府信息公开专栏主动公开机构职能、"
    "政策文件、财政预决算、重点工作进展等信息{posts}条，发布政策解读材料{training}篇，回应社会关切。",
    "{year}年，{short}围绕年度重点工作，在政府网站和政务新媒体同步发布工作动态、通知公告和政策解读{posts}条，"
    "对涉及群众切身利益的事项做到应公开尽公开。",
    "{year}年，{short}持续完善主动公开目录，按照“谁制作、谁公开”的原则更新各栏目信息{posts}条，"
    "并以图文、问答等形式开展政策解读{training}次。",
]
ON_REQUEST = [
    "{year}年，{short}共新收政府信息公开申请{new}件，上年结转{carried_in}件，均在法定期限内依法答复，"
    "结转下年度继续办理{carried_over}件。",
    "{year}年全年新收政府信息公开申请{new}件，另有上年结转申请{carried_in}件；已办结的申请均按规定期限答复，"
    "结转下年度继续办理{carried_over}件。",
]
APPEALS = [
    "{year}年因政府信息公开引发行政复议{review}件、行政诉讼{suits}件。",
    "{year}年全年因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。",
]
MANAGEMENT = [
    "{year}年，{short}严格落实信息发布前保密审查和“三审三校”制度，审核发布信息{checked}条；规范性文件实行统一登记、"
    "统一编号、统一发布，{year}年清理规范性文件{cleaned}件并公布清理结果。",
    "{year}年，{short}健全政府信息公开审核机制，做到先审后发，全年审核信息{checked}条；对已公开的政府信息开展自查"
    "{cleaned}次，发现问题及时更正。",
    "{year}年，{short}加强政府信息全生命周期管理，对现行有效的规范性文件实行动态更新，全年标注失效文件{cleaned}件，"
    "审核各类信息{checked}条。",
]
PLATFORM = [
    "{year}年，{short}依托区政府门户网站政府信息公开专栏发布信息{posts}条，优化栏目设置；同步运用政务微信公众号"
    "推送信息{wechat}条，扩大信息覆盖面。",
    "{year}年，{short}加强政府网站和政务新媒体日常监测，全年更新公开专栏信息{posts}条，通过政务新媒体发布{wechat}条，"
    "提升检索和下载的便利性。",
    "{year}年，{short}完善政务公开专区功能，在办事大厅设置查阅点，全年接待现场查阅{wechat}人次，网站发布信息{posts}条。",
]
OVERSIGHT = [
    "{year}年，{short}调整充实由主要负责同志任组长的政务公开工作领导小组，明确分管领导和具体工作人员，"
    "组织开展业务培训{training}次。",
    "{year}年，{short}将政务公开工作纳入年度目标管理，开展自查整改{checks}次，组织工作人员参加上级业务培训{training}次。",
]
GOVERNMENT_OVERSIGHT = (
    "{year}年，将政务公开工作纳入全区绩效考核，开展工作考核；通过网上评议、满意度调查等方式开展社会评议；"
    "对工作落实不力的单位进行通报并依规责任追究，{year}年未发生责任追究情形。"
)
PROBLEMS = [
    "{year}年工作中仍存在不足：一是政策解读的形式还比较单一，图解、视频等群众喜闻乐见的形式运用不多；二是部分栏目信息更新不够及时。"
    "{next}年，{short}将丰富政策解读形式，建立栏目更新责任清单，每月开展一次自查，确保信息及时准确。",
    "对照{year}年工作要求，还存在以下问题：一是主动公开的深度和广度仍有提升空间；二是工作人员业务能力有待加强。针对上述问题，{short}{next}年将对照主动公开"
    "目录逐项梳理，扩大公开范围，并通过集中培训和以会代训提升队伍业务水平。",
    "{prev}年度指出的栏目更新不及时问题已通过建立更新台账得到整改。{year}年度存在的问题主要是依申请公开答复文书还不够规范。"
    "{next}年改进措施：制定答复文书范本，实行法律顾问审核，提高答复质量。",
]
OTHER = [
    "{year}年度{short}未收取信息处理费。",
    "{year}年度，{short}依申请提供政府信息未收取信息处理费，无其他需要报告的事项。",
]


def narrative(data: ReportData, previous: ReportData | None, rng: random.Random) -> dict[str, str]:
    c = data.cells
    short = "本机关"
    values = {
        "year": data.year,
        "short": short,
        "new": c["apply.new.total"],
        "carried_in": c["apply.carried_in.total"],
        "carried_over": c["apply.carried_over.total"],
        "review": c["appeal.review.total"],
        "suits": c["appeal.suit_direct.total"] + c["appeal.suit_after_review.total"],
        "training": rng.randint(2, 6),
        "checks": rng.randint(2, 12),
        "checked": rng.randint(120, 900),
        "cleaned": rng.randint(1, 15),
        "posts": rng.randint(80, 600),
        "wechat": rng.randint(20, 300),
        "prev": data.year - 1,
        "next": data.year + 1,
    }
    pick = lambda pool: rng.choice(pool).format(**values)  # noqa: E731
    oversight = pick(OVERSIGHT)
    if data.agency.endswith("人民政府"):
        oversight += GOVERNMENT_OVERSIGHT.format(**values)
    return {
        "text.preamble": (
            f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定编制。"
            f"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
            f"行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自{data.year}年1月1日"
            f"起至{data.year}年12月31日止。本报告电子版可在区人民政府门户网站政府信息公开专栏查阅或下载。"
            f"如对本报告有疑问，请与{data.agency}办公室联系（地址：鼓楼区中山路1号，邮编：210000，电话：025-00000000，"
            f"传真：025-00000001，电子邮箱：gkb@example.gov.cn）。"
        ),
        "text.overview": f"{data.year}年，{data.agency}认真贯彻落实《条例》和上级关于{data.year}年政务公开工作的部署，"
        f"扎实推进政府信息公开各项工作。",
        "text.overview.active": pick(ACTIVE),
        "text.overview.on_request": pick(ON_REQUEST) + pick(APPEALS),
        "text.overview.management": pick(MANAGEMENT),
        "text.overview.platform": pick(PLATFORM),
        "text.overview.oversight": oversight,
        "text.problems": pick(PROBLEMS),
        "text.other": pick(OTHER),
    }
