"""Chinese text for the demo world: titles, 文号, bodies, names.

Everything is drawn from a `random.Random` handed in by the caller, so the world stays a pure
function of (seed, as-of date). Word lists imitate what real county and department sites publish.
"""
from __future__ import annotations

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程汪"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌海燕鹏飞辉凤琴云峰宇新春"

TOPICS = [
    "农村人居环境整治", "优化营商环境", "安全生产", "城乡低保", "脱贫攻坚", "河长制", "秸秆禁烧",
    "文明城市创建", "老旧小区改造", "垃圾分类", "扫黑除恶专项斗争", "防汛抗旱", "森林防火",
    "重点项目建设", "招商引资", "质量兴农", "全民健身", "义务教育均衡发展", "医疗保障",
    "养老服务", "食品安全", "生态环境保护", "大气污染防治", "棚户区改造", "住房公积金",
    "农民工工资支付", "消防安全", "政务公开", "“放管服”改革", "统计执法", "乡村振兴",
    "公共资源交易", "城镇燃气安全", "建筑市场监管", "物业管理", "房地产市场调控", "征地拆迁",
    "残疾人两项补贴", "高龄津贴", "耕地保护", "退役军人服务", "社会救助", "人口普查",
    "经济普查", "小微企业扶持", "就业创业", "职业技能培训", "新型城镇化", "水污染防治",
]
ACTIONS = ["做好", "加强", "进一步做好", "开展", "深入推进", "规范", "组织开展", "切实做好"]
THINGS = ["工作", "专项检查", "集中整治", "宣传月活动", "考核评估", "专项治理", "督查", "摸底调查"]
MEETINGS = ["工作推进会", "专题会议", "调度会", "动员大会", "现场观摩会", "座谈会", "培训班"]
POLICY_FORMS = ["管理办法", "实施意见", "实施方案", "暂行办法", "实施细则", "工作方案", "若干措施"]
PLACES_GENERIC = ["全区", "全市", "全县", "辖区", "全镇", "各社区"]

SENTENCES = [
    "为深入贯彻落实上级决策部署，{who}高度重视，周密安排，确保各项任务落到实处。",
    "会议指出，{topic}事关人民群众切身利益，各单位要进一步提高思想认识，压实工作责任。",
    "会议要求，要坚持问题导向，聚焦薄弱环节，建立工作台账，实行销号管理。",
    "下一步，{who}将持续加大工作力度，健全长效机制，推动{topic}工作取得新成效。",
    "此次活动共发放宣传资料{n}余份，接受群众咨询{m}人次，取得了良好的社会效果。",
    "各相关单位要按照职责分工，密切配合，形成工作合力，确保按时完成目标任务。",
    "截至目前，已累计完成投资{n}万元，完成年度计划的{p}%。",
    "请各单位于规定时间内将工作开展情况报送至{who}办公室，逾期未报的予以通报。",
    "本办法自发布之日起施行，有效期{y}年。此前有关规定与本办法不一致的，以本办法为准。",
    "对工作中发现的问题，要立行立改，不能立即整改的，要明确整改时限和责任人。",
]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def body(rng: random.Random, who: str, topic: str, paragraphs: int = 3) -> list[str]:
    out = []
    for _ in range(paragraphs):
        picks = rng.sample(SENTENCES, 3)
        out.append("".join(s.format(who=who, topic=topic, n=rng.randint(2, 90) * 100,
                                    m=rng.randint(50, 900), p=rng.randint(40, 99),
                                    y=rng.choice((2, 3, 5))) for s in picks))
    return out


def title_for(kind: str, rng: random.Random, short: str, year: int, place: str) -> tuple[str, str]:
    """A title and its topic for an item of a column of `kind` (news, notice, policy …)."""
    topic = rng.choice(TOPICS)
    if kind == "news":
        form = rng.choice([
            f"{place}召开{topic}{rng.choice(MEETINGS)}",
            f"{person(rng)}调研{topic}工作",
            f"{place}扎实推进{topic}",
            f"{short}开展{topic}{rng.choice(THINGS)}",
            f"{place}{topic}工作取得阶段性成效",
        ])
    elif kind == "notice":
        form = rng.choice([
            f"关于{rng.choice(ACTIONS)}{year}年{topic}{rng.choice(THINGS)}的通知",
            f"关于{topic}有关事项的公告",
            f"关于开展{topic}{rng.choice(THINGS)}的通知",
        ])
    elif kind == "policy":
        form = f"关于印发《{place}{topic}{rng.choice(POLICY_FORMS)}》的通知"
    elif kind == "personnel":
        form = rng.choice([f"关于{person(rng)}等同志职务任免的通知",
                           f"{short}{year}年公开招聘工作人员公告"])
    elif kind == "plan":
        form = rng.choice([f"{short}{year}年{topic}工作计划", f"{short}{year}年工作总结",
                           f"{place}“十三五”{topic}专项规划"])
    elif kind == "finance":
        form = rng.choice([f"{short}{year}年部门预算公开", f"{short}{year - 1}年部门决算公开",
                           f"{short}{year}年“三公”经费预算情况说明"])
    elif kind == "stats":
        form = rng.choice([f"{year}年{rng.randint(1, 12)}月份{place}主要经济指标",
                           f"{place}{year - 1}年国民经济和社会发展统计公报"])
    elif kind == "consult":
        form = f"关于公开征求《{place}{topic}{rng.choice(POLICY_FORMS)}（征求意见稿）》意见的公告"
    elif kind == "feedback":
        form = f"关于《{place}{topic}{rng.choice(POLICY_FORMS)}（征求意见稿）》意见采纳情况的说明"
    elif kind == "welfare":
        form = rng.choice([f"{place}{year}年{rng.randint(1, 12)}月{topic}资金发放情况公示",
                           f"关于{year}年{topic}补助对象的公示"])
    else:  # static and anything else: an ordinary notice-like title
        form = f"{short}{topic}{rng.choice(THINGS)}情况"
    return form, topic


def doc_number(rng: random.Random, abbr: str, year: int, serial: int) -> str:
    """A 发文字号 such as 青政〔2019〕12号 (the 〔〕 brackets are the standard form)."""
    return f"{abbr}〔{year}〕{serial}号"


STATIC_TITLES = {
    "机构设置": ["{unit}内设机构", "{unit}下属单位"], "机关职能": ["{unit}主要职责", "{unit}职能配置"],
    "单位职能": ["{unit}主要职责", "{unit}单位简介"], "领导信息": ["{unit}领导分工", "{person}同志简历"],
    "领导简介": ["{unit}领导班子成员", "{person}同志简历"], "内设部门业务范围": ["{unit}内设科室职责", "{unit}业务部门设置"],
    "服务指南": ["个人住房公积金贷款办事指南", "住房公积金提取服务指南"],
    "服务项目与收费标准": ["{unit}服务项目目录", "{unit}收费项目及标准"],
}


def static_title(column: str, unit: str, rng: random.Random) -> str:
    """Titles of the near-permanent pages under 机构职能 and similar columns."""
    forms = STATIC_TITLES.get(column, ["{unit}" + column])
    return rng.choice(forms).format(unit=unit, person=person(rng))


def policy_body(rng: random.Random, who: str, topic: str) -> list[str]:
    """A normative document in articles (第一条 …), as 办法 and 意见 are written."""
    articles = [
        f"为了规范{topic}工作，保障人民群众合法权益，根据有关法律法规，结合{who}实际，制定本办法。",
        f"本办法适用于{who}行政区域内的{topic}及其监督管理活动。",
        f"{who}人民政府负责统筹协调{topic}工作，有关部门按照各自职责做好相关工作。",
        "相关单位应当建立健全工作制度，明确责任分工，按规定向社会公开办理程序、办理时限和监督电话。",
        "违反本办法规定的，由有关部门责令限期改正；情节严重的，依法依规追究相关人员责任。",
        f"本办法自印发之日起施行，有效期{rng.choice(('两', '三', '五'))}年。",
    ]
    numerals = "一二三四五六七八九十"
    n = rng.randint(4, 6)
    picked = articles[:2] + rng.sample(articles[2:5], n - 3) + articles[-1:]
    return [f"第{numerals[k]}条　{text}" for k, text in enumerate(picked)]
