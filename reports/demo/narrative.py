"""Narrative for demo reports: plausible Chinese text whose numbers match the tables.

Each topic is built from a few slots, each with several wordings, so that consecutive
years read differently, as real reports do (TEXT-SIMILAR-LAST-YEAR).
"""
from __future__ import annotations

import random

from reports.data import ReportData

FOCUS = ["优化营商环境", "民生保障", "乡村振兴", "安全生产", "教育医疗", "生态环境保护", "重大项目建设", "稳就业",
         "财政资金使用", "城市更新", "基层治理", "政策兑现"]

ACTIVE = [
    [
        "{year}年，{short}坚持以公开为常态、不公开为例外，主动公开机构职能、政策文件、财政预决算等信息{posts}条。",
        "围绕{focus}等重点领域，{short}本年度在政府网站发布各类信息{posts}条，做到应公开尽公开。",
        "全年通过政府信息公开专栏累计发布信息{posts}条，其中涉及{focus}的信息占比明显提高。",
        "{short}按照主动公开基本目录，逐项梳理应公开事项，本年度更新公开内容{posts}条。",
        "本年度{short}把{focus}作为公开重点，及时发布工作动态、通知公告和办事指南，共{posts}条。",
    ],
    [
        "配套发布政策解读{training}篇，采用图解、问答等形式，便于群众理解。",
        "对出台的重要政策同步开展解读，全年发布解读材料{training}篇，回应社会关切{checks}次。",
        "主要负责同志带头解读政策{training}次，政策解读的权威性和针对性进一步增强。",
        "针对群众关心的{focus}问题，组织专题解读{training}场，及时澄清不实信息。",
    ],
]
ON_REQUEST = [
    [
        "{year}年，{short}共新收政府信息公开申请{new}件，上年结转{carried_in}件，结转下年度继续办理{carried_over}件。",
        "本年度新收政府信息公开申请{new}件，另有上年结转申请{carried_in}件；结转下年度继续办理{carried_over}件。",
        "全年受理政府信息公开申请，其中新收{new}件、上年结转{carried_in}件，年末结转下年度继续办理{carried_over}件。",
    ],
    [
        "所有申请均在法定期限内答复，答复文书统一经法律顾问审核。",
        "{short}严格执行登记、审核、办理、答复、归档的办理流程，未发生逾期答复。",
        "对内容不明确的申请及时告知补正，对不属于本机关掌握的信息告知申请人获取途径。",
        "进一步规范依申请公开答复文书，答复的依据、理由和救济途径表述完整。",
    ],
    [
        "因政府信息公开引发行政复议{review}件、行政诉讼{suits}件。",
        "全年因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。",
        "涉及政府信息公开的行政复议案件{review}件、行政诉讼案件{suits}件。",
    ],
]
MANAGEMENT = [
    [
        "严格落实信息发布前保密审查制度，全年审核拟公开信息{checked}条。",
        "坚持先审后发，信息发布实行“三审三校”，全年审核信息{checked}条。",
        "规范政府信息公开属性认定，全年认定信息公开属性{checked}件次。",
        "建立公开前审查台账，{year}年共登记审查信息{checked}条。",
    ],
    [
        "规范性文件实行统一登记、统一编号、统一发布，本年度清理规范性文件{cleaned}件并公布清理结果。",
        "对现行有效的规范性文件实行动态更新，标注失效文件{cleaned}件。",
        "开展历史信息自查，对过期、失效信息进行归档处理{cleaned}条。",
        "围绕{focus}开展专项清理，修订完善公开目录{cleaned}项。",
    ],
]
PLATFORM = [
    [
        "依托区政府门户网站政府信息公开专栏，优化栏目设置，确保信息及时准确发布。",
        "加强政府网站日常监测，全年更新公开专栏信息{posts}条，检索和下载更加便利。",
        "完善政务公开专区功能，在办事大厅设置查阅点，全年接待现场查阅{wechat}人次。",
        "对照政府网站建设规范，对公开专栏进行改版，新增{focus}专题栏目。",
    ],
    [
        "同步运用政务微信公众号推送信息{wechat}条，扩大信息覆盖面。",
        "政务新媒体发布信息{wechat}条，与网站内容保持一致。",
        "建立网站与新媒体联动发布机制，重要信息同步推送{wechat}条。",
        "开通线上留言互动渠道，全年办理网民留言{wechat}件。",
    ],
]
OVERSIGHT = [
    [
        "调整充实由主要负责同志任组长的政务公开工作领导小组，明确分管领导和具体工作人员。",
        "将政务公开工作纳入年度目标管理，定期研究部署，开展自查整改{checks}次。",
        "把政务公开工作列入领导班子议事日程，全年专题研究{checks}次。",
        "健全政务公开工作责任制，将任务分解到各科室，每季度通报进展。",
    ],
    [
        "组织业务培训{training}次，提升工作人员的公开意识和业务能力。",
        "选派工作人员参加上级业务培训{training}次，并在内部开展以会代训。",
        "围绕《条例》和{focus}领域公开标准开展专题学习{training}次。",
        "邀请法律顾问开展依申请公开专题培训{training}次。",
    ],
]
GOVERNMENT_OVERSIGHT = (
    "将政务公开工作纳入全区绩效考核，开展工作考核；通过网上评议、满意度调查等方式开展社会评议；"
    "对工作落实不力的单位进行通报并依规责任追究，本年度未发生责任追究情形。"
)
PROBLEMS = [
    [
        "政策解读的形式还比较单一，图解、视频等群众喜闻乐见的形式运用不多。",
        "部分栏目信息更新不够及时，个别信息发布后未及时维护。",
        "主动公开的深度和广度仍有提升空间，{focus}领域的信息公开还不够细。",
        "依申请公开答复文书的说理还不够充分。",
        "工作人员变动较大，业务能力有待加强。",
    ],
    [
        "下一步将丰富政策解读形式，每项重要政策至少配发一种图解或问答。",
        "下一步将建立栏目更新责任清单，每月开展一次自查，确保信息及时准确。",
        "改进措施：对照主动公开目录逐项梳理，扩大{focus}领域的公开范围。",
        "改进措施：制定答复文书范本，实行法律顾问审核，提高答复质量。",
        "改进措施：通过集中培训和以会代训提升队伍业务水平，做到人员变动不影响工作。",
    ],
    [
        "上年度报告指出的问题已逐项整改。",
        "上年度存在的栏目更新不及时问题，已通过建立更新台账得到整改。",
        "对上级检查中发现的问题，已全部完成整改并举一反三。",
    ],
]
OTHER = [
    "本年度{short}未收取信息处理费。",
    "依申请提供政府信息，{short}均未收取信息处理费，无其他需要报告的事项。",
    "{short}未收取信息处理费。无其他需要报告的事项。",
]


def narrative(data: ReportData, previous: ReportData | None, rng: random.Random) -> dict[str, str]:
    c = data.cells
    values = {
        "year": data.year,
        "short": "本机关" if rng.random() < 0.5 else "我单位",
        "focus": rng.choice(FOCUS),
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
    }

    def compose(slots) -> str:
        return "".join(rng.choice(slot).format(**values) for slot in slots)

    oversight = compose(OVERSIGHT)
    if data.agency.endswith("人民政府"):
        oversight += GOVERNMENT_OVERSIGHT
    return {
        "text.preamble": (
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定编制。"
            "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
            "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自"
            f"{data.year}年1月1日起至{data.year}年12月31日止。本报告电子版可在区人民政府门户网站政府信息公开专栏查阅"
            f"或下载。如对本报告有疑问，请与{data.agency}办公室联系（地址：鼓楼区中山路1号，邮编：210000，"
            "电话：025-00000000，传真：025-00000001，电子邮箱：gkb@example.gov.cn）。"
        ),
        "text.overview": f"{data.year}年，{data.agency}认真贯彻落实《条例》和上级关于政务公开工作的部署，"
        f"以{values['focus']}为重点，扎实推进政府信息公开各项工作。",
        "text.overview.active": compose(ACTIVE),
        "text.overview.on_request": compose(ON_REQUEST),
        "text.overview.management": compose(MANAGEMENT),
        "text.overview.platform": compose(PLATFORM),
        "text.overview.oversight": oversight,
        "text.problems": compose(PROBLEMS),
        "text.other": rng.choice(OTHER).format(**values),
    }
