"""The catalog trees the demo sites publish, per unit type.

They follow the defaults of shared/CATALOGS.md, as real sites do: mostly, with the variations
(aliases, extra levels) that the auditor must accept. Per-unit defects then remove or move columns.
Each node: (name, slug, title kind, freshness class, children). Leaves hold items.
"""
from __future__ import annotations

N = tuple  # a node: (name, slug, kind, fresh, children)


def node(name, slug, kind="notice", fresh="notice", children=()):
    return (name, slug, kind, fresh, tuple(children))


# Columns that several unit types share
ORGAN = node("机构职能", "jgzn", "static", "static", [
    node("机构设置", "jgsz", "static", "static"),
    node("机关职能", "jgzn2", "static", "static"),
    node("领导信息", "ldxx", "static", "static"),
])
POLICY = node("政策文件", "zcwj", "policy", "notice", [
    node("规范性文件", "gfxwj", "policy", "notice"),
    node("其他文件", "qtwj", "policy", "notice"),
])
INTERP = node("政策解读", "zcjd", "interp", "notice")
NEWS = node("工作动态", "gzdt", "news", "news")
NOTICE = node("通知公告", "tzgg", "notice", "notice")
CONSULT = node("重大决策预公开", "zdjcygk", "consult", "event", [
    node("意见征集", "yjzj", "consult", "event"),
    node("意见反馈", "yjfk", "feedback", "event"),
])

GOV = [  # 县区政府 and 管委
    ORGAN, POLICY, INTERP, NEWS, NOTICE,
    node("规划计划", "ghjh", "plan", "yearly", [
        node("发展规划", "fzgh", "plan", "yearly"),
        node("工作计划", "gzjh", "plan", "yearly"),
        node("工作总结", "gzzj", "plan", "yearly"),
    ]),
    node("统计信息", "tjxx", "stats", "yearly"),
    node("财政资金", "czzj", "finance", "yearly", [
        node("财政预决算", "czyjs", "finance", "yearly"),
        node("三公经费", "sgjf", "finance", "yearly"),
    ]),
    node("人事信息", "rsxx", "personnel", "yearly", [
        node("人事任免", "rsrm", "personnel", "yearly"),
        node("公务员招考", "gwyzk", "personnel", "yearly"),
    ]),
    CONSULT,
    node("建议提案办理", "jytabl", "notice", "yearly", [
        node("人大代表建议", "rddbjy", "notice", "yearly"),
        node("政协委员提案", "zxwyta", "notice", "yearly"),
    ]),
    node("重点工作", "zdgz", "notice", "yearly"),
    node("重点领域信息公开", "zdlyxxgk", "notice", "notice", [
        node("行政权力运行", "xzqlyx", "notice", "notice"),
        node("公共资源配置", "ggzypz", "notice", "notice"),
        node("重大建设项目", "zdjsxm", "notice", "notice"),
        node("社会公益事业", "shgysy", "notice", "notice"),
        node("扶贫", "fp", "welfare", "yearly"),
    ]),
]
COUNTY_EXTRA = [node("政府工作报告", "zfgzbg", "plan", "yearly")]
ZONE_EXTRA = [
    node("招商引资政策", "zsyzzc", "policy", "notice"),
    node("区域发展规划", "qyfzgh", "plan", "yearly"),
    node("投资重点和投资目录", "tzzd", "plan", "yearly"),
]

DEPT = [  # 市级部门
    ORGAN, POLICY, INTERP, NEWS, NOTICE,
    node("规划计划", "ghjh", "plan", "yearly"),
    node("财政资金", "czzj", "finance", "yearly", [
        node("部门预决算", "bmyjs", "finance", "yearly"),
        node("三公经费", "sgjf", "finance", "yearly"),
    ]),
    node("人事信息", "rsxx", "personnel", "yearly"),
    CONSULT,
    node("建议提案办理", "jytabl", "notice", "yearly"),
    node("行政执法", "xzzf", "notice", "notice", [
        node("行政许可", "xzxk", "notice", "notice"),
        node("行政处罚", "xzcf", "notice", "notice"),
        node("听证公告", "tzgg2", "notice", "event"),
    ]),
    node("扶贫", "fp", "welfare", "yearly"),
]
KEY_DEPT_EXTRA = [node("重点领域信息公开", "zdlyxxgk", "notice", "notice")]

TOWN = [  # 乡镇
    node("机构职能", "jgzn", "static", "static", [
        node("机构设置", "jgsz", "static", "static"),
        node("领导信息", "ldxx", "static", "static"),
    ]),
    node("政策文件", "zcwj", "policy", "notice"),
    node("政策解读", "zcjd", "interp", "notice"),
    node("惠民政策", "hmzc", "notice", "notice"),
    node("财政专项惠民资金", "czzxhmzj", "welfare", "yearly"),
    node("扶贫攻坚", "fpgj", "welfare", "yearly"),
    node("公益项目建设", "gyxmjs", "notice", "yearly"),
    node("筹资筹劳", "czcl", "notice", "yearly"),
    node("土地利用管理", "tdlygl", "notice", "yearly"),
    node("农村危房改造与保障房", "ncwfgz", "welfare", "yearly"),
    node("社会保障(救助)", "shbz", "welfare", "yearly"),
    node("计生政策", "jszc", "notice", "yearly"),
    node("工作动态", "gzdt", "news", "news"),
]

STREET = [  # 街道
    node("机构职能", "jgzn", "static", "static"),
    node("政策文件", "zcwj", "policy", "notice"),
    node("政策解读", "zcjd", "interp", "notice"),
    node("惠民政策", "hmzc", "notice", "notice"),
    node("财政专项惠民资金", "czzxhmzj", "welfare", "yearly"),
    node("社区公益项目建设", "sqgyxm", "notice", "yearly"),
    node("社会保障(救助)", "shbz", "welfare", "yearly"),
    node("棚户区改造与保障房", "phqgz", "welfare", "yearly"),
    node("工作动态", "gzdt", "news", "news"),
]

INSTITUTION = [  # 承担公共服务的事业单位: 办事公开, no 条例 fixed entries
    node("单位职能", "dwzn", "static", "static"),
    node("领导简介", "ldjj", "static", "static"),
    node("内设部门业务范围", "nsbm", "static", "static"),
    node("人事任免与招录", "rsrm", "personnel", "yearly"),
    node("政策法规", "zcfg", "policy", "notice"),
    node("业务文件", "ywwj", "policy", "notice"),
    node("服务指南", "fwzn", "static", "static"),
    node("财务管理", "cwgl", "finance", "yearly"),
    node("招标采购", "zbcg", "notice", "notice"),
    node("应急管理", "yjgl", "notice", "yearly"),
    node("服务项目与收费标准", "sfbz", "static", "static"),
    node("工作计划", "gzjh", "plan", "yearly"),
    node("工作动态", "gzdt", "news", "news"),
]

CATALOG_BY_TYPE = {
    "county": GOV + COUNTY_EXTRA,
    "zone": GOV + ZONE_EXTRA,
    "key_dept": DEPT + KEY_DEPT_EXTRA,
    "dept": DEPT,
    "town": TOWN,
    "street": STREET,
    "institution": INSTITUTION,
}

# Chinese names of the unit types, as the notice calls them.
UNIT_TYPE_NAMES = {
    "county": "县区政府", "zone": "管委", "key_dept": "市级重点领域部门",
    "dept": "市级非重点领域部门", "town": "乡镇", "street": "街道",
    "institution": "承担公共服务的事业单位",
}

# Fixed entries of every 行政机关 (not 事业单位). Each is a page or a list of its own.
FIXED_ENTRIES = {
    "guide": "信息公开指南", "system": "信息公开制度", "annual": "信息公开年报", "apply": "依申请公开",
}

TOPIC_CLASSES = {  # 主题分类 (a subset of the national 主题词表)
    "T01": "综合政务", "T02": "城乡建设、环境保护", "T03": "劳动、人事、监察", "T04": "财政、金融、审计",
    "T05": "农业、林业、水利", "T06": "民政、扶贫、救灾", "T07": "卫生、体育", "T08": "国民经济管理、国有资产监管",
}
GENRES = {"G1": "通知", "G2": "公告", "G3": "报告", "G4": "意见", "G5": "办法", "G6": "其他"}
AUDIENCES = {"A1": "公民", "A2": "法人", "A3": "其他组织", "A4": "全社会"}
