#!/usr/bin/env python3
"""Blind story-detection set no. 2 for zonefeed (writes tests/stories/blind2.json).

Written BLIND: it comes from a helper that had read neither the story detector
(src/) nor the other story sets or their builders (build_blind.py,
build_labelled.py, *.json, tests/stories.rs, tests/common/labelled.rs).
Every event, company, person and figure here is invented.

Contents (Chinese development-zone news, 1-20 December 2026, +08:00):
  * 17 repost groups: an original plus 1-4 copies each.  The copies are
    re-edits (joined/split paragraphs, <br>/<div> re-breaking, first-paragraph
    and two-sentence briefs, summary-only items, WeChat short versions with
    photo captions, WeChat frames, 本报讯 openings, edited dates, punctuation
    reflow, http/www/utm link variants, rewritten headlines), one province
    notice reposted verbatim by three zone sites, and one "bridge" group whose
    brief and headless copy both appear before the original.
  * 15 near-miss pairs: two different stories that look alike (generic
    titles, one template, same day / same site); each item is its own story.
  * 8 unrelated singletons.
Two items are the same story exactly when their `group` is equal.  `edits`
lists what was done to a copy ("original" for originals).

Run from the repository root:
    python3 tests/stories/build_blind2.py
It writes tests/stories/blind2.json, checks the set and prints its counts.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind2.json")

REGIONS = {
    "jiangsu": ("江苏省", None), "nantong": ("南通市", "jiangsu"), "suzhou": ("苏州市", "jiangsu"),
    "kunshan": ("昆山市", "suzhou"), "wuxi": ("无锡市", "jiangsu"), "jiangyin": ("江阴市", "wuxi"),
    "nanjing": ("南京市", "jiangsu"), "zhejiang": ("浙江省", None), "ningbo": ("宁波市", "zhejiang"),
}
ZONES = {
    "nantong-hitech": ("南通高新技术产业开发区", "nantong", ["南通高新区"]),
    "nantong-etdz": ("南通经济技术开发区", "nantong", ["南通经开区", "南通开发区"]),
    "suzhou-sip": ("苏州工业园区", "suzhou", ["苏州园区"]),
    "kunshan-etdz": ("昆山经济技术开发区", "kunshan", ["昆山开发区"]),
    "wuxi-hitech": ("无锡高新技术产业开发区", "wuxi", ["无锡高新区", "新吴区"]),
    "ningbo-etdz": ("宁波经济技术开发区", "ningbo", ["宁波开发区", "北仑"]),
    "jiangyin-hitech": ("江阴高新技术产业开发区", "jiangyin", ["江阴高新区"]),
    "nanjing-jiangbei": ("南京江北新区", "nanjing", ["江北新区"]),
}

SOURCES = {
    "nt-daily": {"name": "南通日报", "region": "nantong", "zone": None},
    "nt-gov": {"name": "南通市人民政府", "region": "nantong", "zone": None},
    "nt-hitech": {"name": "南通高新区管委会", "region": "nantong", "zone": "nantong-hitech"},
    "nt-etdz": {"name": "南通经济技术开发区管委会", "region": "nantong", "zone": "nantong-etdz"},
    "nt-etdz-wx": {"name": "南通开发区发布（微信公众号）", "region": "nantong", "zone": "nantong-etdz"},
    "sz-daily": {"name": "苏州日报", "region": "suzhou", "zone": None},
    "sip-gov": {"name": "苏州工业园区管委会", "region": "suzhou", "zone": "suzhou-sip"},
    "sip-wx": {"name": "苏州园区发布（微信公众号）", "region": "suzhou", "zone": "suzhou-sip"},
    "ks-daily": {"name": "昆山日报", "region": "kunshan", "zone": None},
    "ks-etdz": {"name": "昆山开发区管委会", "region": "kunshan", "zone": "kunshan-etdz"},
    "wx-daily": {"name": "无锡日报", "region": "wuxi", "zone": None},
    "wx-hitech": {"name": "无锡高新区（新吴区）门户网站", "region": "wuxi", "zone": "wuxi-hitech"},
    "wx-hitech-wx": {"name": "新吴发布（微信公众号）", "region": "wuxi", "zone": "wuxi-hitech"},
    "jy-daily": {"name": "江阴日报", "region": "jiangyin", "zone": None},
    "jy-hitech": {"name": "江阴高新区管委会", "region": "jiangyin", "zone": "jiangyin-hitech"},
    "nj-daily": {"name": "南京日报", "region": "nanjing", "zone": None},
    "jb-gov": {"name": "南京江北新区管委会", "region": "nanjing", "zone": "nanjing-jiangbei"},
    "jb-wx": {"name": "江北新区发布（微信公众号）", "region": "nanjing", "zone": "nanjing-jiangbei"},
    "nb-daily": {"name": "宁波日报", "region": "ningbo", "zone": None},
    "nb-etdz": {"name": "宁波经济技术开发区管委会", "region": "ningbo", "zone": "ningbo-etdz"},
    "js-commerce": {"name": "江苏省商务厅", "region": "jiangsu", "zone": None},
    "js-drc": {"name": "江苏省发展和改革委员会", "region": "jiangsu", "zone": None},
    "xh-js": {"name": "新华网江苏频道", "region": "jiangsu", "zone": None},
    "zj-news": {"name": "浙江新闻网", "region": "zhejiang", "zone": None},
    "agg": {"name": "开发区头条（资讯聚合）", "region": "jiangsu", "zone": None},
}

# ---------------------------------------------------------------- helpers

def T(day, hh, mm=0):
    return f"2026-12-{day:02d}T{hh:02d}:{mm:02d}:00+08:00"


def P(paras):
    return "".join(f"<p>{p}</p>" for p in paras)


def DIV(paras):
    return "".join(f"<div>{p}</div>" for p in paras)


def BR(paras, double=False):
    sep = "<br><br>" if double else "<br>"
    return "<p>" + sep.join(paras) + "</p>"


def sentences(text):
    return re.findall(r"[^。！？]+[。！？]”?|[^。！？]+$", text)


def two_sentences(paras):
    s = sentences(paras[0])
    if len(s) >= 2:
        return s[0] + s[1]
    return s[0] + sentences(paras[1])[0]


def reflow(text):
    for a, b in (("“", '"'), ("”", '"'), ("（", "("), ("）", ")"), ("；", "。"), ("、", "，")):
        text = text.replace(a, b)
    return text


def http(link):
    return link.replace("https://", "http://", 1)


def no_www(link):
    return link.replace("://www.", "://", 1)


def utm(link, src="wechat", med="social", camp="kfqtt"):
    sep = "&" if "?" in link else "?"
    return f"{link}{sep}utm_source={src}&utm_medium={med}&utm_campaign={camp}"


def wx_frame(inner, top, bottom):
    return P(top) + inner + P(bottom)


def text_paras(html):
    if not html:
        return []
    parts = re.split(r"</p>|</div>|<br\s*/?>", html)
    out = []
    for p in parts:
        t = re.sub(r"<[^>]+>", "", p).strip()
        if t:
            out.append(t)
    return out


def derive_zone(src, title, body):
    if SOURCES[src]["zone"]:
        return SOURCES[src]["zone"]
    paras = text_paras(body)
    text = title + "\n" + (paras[0] if paras else "")
    found = set()
    for zid, (name, _, aliases) in ZONES.items():
        if any(n in text for n in [name] + aliases):
            found.add(zid)
    return found.pop() if len(found) == 1 else None


ITEMS = []


def add(src, iid, title, link, pub, group, edits, content=None, summary=None):
    zone = derive_zone(src, title, content if content is not None else summary)
    region = ZONES[zone][1] if zone else SOURCES[src]["region"]
    it = {"source": src, "id": "b2:" + iid, "title": title, "link": link, "published": pub,
          "summary": summary, "content": content, "region": region, "zone": zone,
          "group": group, "edits": edits}
    ITEMS.append(it)
    return it


def orig(src, iid, title, link, pub, group, paras, summary=None):
    return add(src, iid, title, link, pub, group, ["original"], P(paras), summary)


# ================================================================ repost groups

# ---- G01 南通高新区 生物医药项目签约
g = "b2-g01-nthitech-biopharma-signing"
t01 = "南通高新区签约生物医药产业项目 总投资20亿元"
p01 = [
    "12月2日上午，南通高新区举行生物医药产业项目签约仪式，瑞和康（江苏）生物科技有限公司高端制剂及原料药生产基地项目正式落户。项目总投资20亿元，规划用地约150亩。",
    "据介绍，该项目主要建设口服固体制剂、注射剂和特色原料药生产线，全部建成后预计年产值超过30亿元，可新增就业岗位800余个。企业负责人表示，看中的是高新区完善的医药产业配套和高效的审批服务。",
    "南通市副市长陈立群，高新区党工委书记周维康出席签约仪式。周维康表示，高新区将组建专班全程跟踪服务，推动项目早开工、早投产、早见效。",
    "今年以来，南通高新区围绕生物医药、高端装备、新一代信息技术三大主导产业开展精准招商，已累计签约亿元以上项目42个，其中生物医药类项目11个。",
]
l01 = "https://www.nthitech.gov.cn/xwzx/gqdt/202612/t20261202_3318426.html"
orig("nt-hitech", "g01-orig", t01, l01, T(2, 10, 30), g, p01)
add("nt-daily", "g01-daily", "南通高新区签约20亿元生物医药项目",
    "https://epaper.ntrb.com.cn/html/2026-12/03/content_552031.htm", T(3, 6, 30), g,
    ["benbao-opening", "date-edited", "headline-rewritten"],
    P(["本报讯（记者 顾晓霞 通讯员 单力）日前，南通高新区举行生物医药产业项目签约仪式，瑞和康（江苏）生物科技有限公司高端制剂及原料药生产基地项目正式落户。项目总投资20亿元，规划用地约150亩。"] + p01[1:]))
add("agg", "g01-agg", "总投资20亿元！南通高新区再落一生物医药重大项目", utm(l01), T(2, 15, 10), g,
    ["headline-number-led", "link-utm"], P(p01))
add("nt-gov", "g01-gov", t01, "https://www.nantong.gov.cn/ntsrmzf/bmdt/content/a8c1f2e0-5d13-4b1e-9c77-2f0e1d3a6b21.html",
    T(2, 17, 0), g, ["join-paragraphs"], P([p01[0] + p01[1]] + p01[2:]))

# ---- G02 金鸡湖人工智能产业大会开幕
g = "b2-g02-sip-ai-conference"
t02 = "2026金鸡湖人工智能产业大会在苏州工业园区开幕"
p02 = [
    "12月3日，2026金鸡湖人工智能产业大会在苏州工业园区开幕。本届大会以“智算赋能 产业焕新”为主题，吸引了来自国内外的600余位专家学者、企业代表参会。",
    "开幕式上，园区发布了《苏州工业园区促进人工智能产业高质量发展若干措施》，从算力补贴、场景开放、人才引育等方面推出18条举措，每年安排专项资金不少于5亿元。",
    "大会期间，园区管委会与12家企业和机构签订合作协议，涉及大模型研发、智能网联汽车、具身智能机器人等领域，协议总投资约68亿元。苏州智算中心二期项目同步启动建设。",
    "大会为期两天，将举办主论坛1场、平行分论坛8场，并设置人工智能产品展区，集中展示40余家企业的最新成果。",
]
l02 = "https://www.sipac.gov.cn/szgyyq/yqdt/202612/9f3e61a2c0d84b5f8a1e77c2d4b0e913.shtml"
orig("sip-gov", "g02-orig", t02, l02, T(3, 11, 0), g, p02)
add("sip-wx", "g02-wx", "今天，2026金鸡湖人工智能产业大会开幕！", "https://mp.weixin.qq.com/s/Qe7rJk2VtW0pLx9yZaB3cD", T(3, 12, 10), g,
    ["wechat-short", "photo-captions", "headline-rewritten"],
    P([two_sentences(p02)]) + '<p><img src="https://mmbiz.qpic.cn/mmbiz_jpg/sipfb/ai01.jpg"></p><p>图为大会开幕式现场。</p>'
    + '<p><img src="https://mmbiz.qpic.cn/mmbiz_jpg/sipfb/ai02.jpg"></p><p>图为参会嘉宾在人工智能产品展区参观交流。</p>'
    + '<p>（记者 钱亦凡 摄）</p>')
add("sz-daily", "g02-daily", t02, "https://www.subaonet.com/2026/szyw/1204/1187765.shtml", T(4, 7, 0), g,
    ["benbao-opening", "date-edited"],
    P(["本报讯（记者 沈佳怡）昨天，2026金鸡湖人工智能产业大会在苏州工业园区开幕。本届大会以“智算赋能 产业焕新”为主题，吸引了来自国内外的600余位专家学者、企业代表参会。"] + p02[1:]))
add("xh-js", "g02-xh", t02, "https://www.js.xinhuanet.com/20261203/8a7c3b51e2f64d0a9b1c5e3f7d2a6c40/c.html", T(3, 16, 20), g,
    ["punctuation-reflow"], P([reflow(p) for p in p02]))

# ---- G03 芯明半导体产线投产
g = "b2-g03-wxhitech-fab-online"
t03 = "无锡高新区芯明半导体12英寸特色工艺产线竣工投产"
p03 = [
    "12月4日，位于无锡高新区的芯明半导体（无锡）有限公司12英寸特色工艺晶圆产线竣工投产。该项目总投资85亿元，是今年无锡市重大产业项目之一。",
    "项目于2025年3月开工建设，建设周期仅21个月。产线主要面向功率器件、模拟芯片和传感器芯片，满产后可实现月产能3万片，年产值约60亿元。",
    "投产仪式上，芯明半导体与区内8家设计企业签订了产能保障协议。企业总经理林致远表示，将依托新吴区集成电路全产业链优势，加快导入车规级产品。",
    "近年来，无锡高新区集成电路产业规模持续扩大，目前已集聚上下游企业400余家，形成了设计、制造、封测、装备材料协同发展的产业生态。",
]
l03 = "https://www.wnd.gov.cn/doc/2026/12/04/4412087.shtml"
orig("wx-hitech", "g03-orig", t03, l03, T(4, 9, 0), g, p03)
add("wx-hitech-wx", "g03-wx", t03, "https://mp.weixin.qq.com/s/xW4nFbQ8sE1uTgH6mK0oPz", T(4, 12, 30), g, ["wechat-frame"],
    wx_frame(P(p03), ["点击蓝字 关注新吴发布", "🔹🔹🔹🔹🔹"],
             ["— END —", "来源：新吴区融媒体中心", "编辑：蒋一帆", "审核：华敏", "责任编辑：钱晓东", "👍 点赞 ｜ 👀 在看 ｜ 🔁 分享"]))
add("wx-daily", "g03-daily", "芯明半导体12英寸特色工艺产线在锡投产", "https://epaper.wxrb.com/paper/wxrb/html/2026-12/05/content_118203.htm",
    T(5, 6, 50), g, ["date-edited", "split-paragraph", "headline-rewritten"],
    P(["近日，位于无锡高新区的芯明半导体（无锡）有限公司12英寸特色工艺晶圆产线竣工投产。该项目总投资85亿元，是今年无锡市重大产业项目之一。",
       "项目于2025年3月开工建设，建设周期仅21个月。",
       "产线主要面向功率器件、模拟芯片和传感器芯片，满产后可实现月产能3万片，年产值约60亿元。"] + p03[2:]))
add("agg", "g03-agg", t03, http(l03), T(4, 14, 0), g, ["link-http"], P(p03))

# ---- G04 昆山开发区台企增资
g = "b2-g04-kunshan-taiwan-capital-increase"
t04 = "昆山开发区台资企业鼎昌精密增资1.5亿美元"
p04 = [
    "12月5日，昆山开发区与鼎昌精密电子（昆山）有限公司举行增资签约仪式。企业此次增资1.5亿美元，用于建设新能源汽车连接器及精密结构件生产基地。",
    "鼎昌精密于2003年落户昆山开发区，是区内较早一批台资企业，目前拥有员工3200余人，去年实现销售收入48亿元。本次增资项目建成后，预计新增年销售收入25亿元。",
    "开发区相关负责人表示，今年以来区内台资企业增资扩产意愿明显增强，已有17家台资企业完成增资，合计增资额超过6亿美元。开发区将持续做好“一企一策”服务，帮助企业解决用工、用地、用能等问题。",
]
l04 = "https://www.ketd.gov.cn/ksjjjskfq/kfqdt/202612/0d6b2e1f93a54c7d.shtml"
orig("ks-etdz", "g04-orig", t04, l04, T(5, 10, 0), g, p04)
add("ks-daily", "g04-daily", "鼎昌精密增资1.5亿美元扩产", "https://www.ksrb.cn/news/2026-12/05/content_77120.html", T(5, 18, 0), g,
    ["brief-first-paragraph", "headline-rewritten"], P(p04[:1]))
add("agg", "g04-agg", t04, "https://kfqtt.cn/a/20261206/5520417", T(6, 8, 0), g,
    ["brief-first-two-sentences", "summary-only"], None, two_sentences(p04))

# ---- G05 宁波开发区冷链物流枢纽开工
g = "b2-g05-ningbo-coldchain-hub"
t05 = "宁波开发区冷链物流枢纽项目开工"
p05 = [
    "12月6日，宁波经济技术开发区冷链物流枢纽项目开工建设。项目位于北仑港区后方陆域，总投资32亿元，总建筑面积约28万平方米。",
    "项目由浙江甬港供应链集团投资建设，将建成冷库、冷链加工中心和多式联运集散中心，设计冷库容量40万吨，建成后将成为长三角南翼规模最大的港口冷链物流设施之一。",
    "项目负责人介绍，枢纽将与宁波舟山港集装箱码头实现无缝衔接，进口冷链货物从码头到冷库的转运时间可缩短至2小时以内。",
    "开发区管委会主任孙海涛表示，开发区将围绕港口经济做强现代物流产业，为项目建设提供全过程代办服务，确保2028年6月前建成投用。",
]
l05 = "https://www.bl.gov.cn/art/2026/12/6/art_1229031_59120344.html"
orig("nb-etdz", "g05-orig", t05, l05, T(6, 9, 30), g, p05)
add("nb-daily", "g05-daily", t05, "https://daily.cnnb.com.cn/nbrb/html/2026-12/07/content_1603377.htm", T(7, 6, 40), g,
    ["benbao-opening", "br-rebreak"],
    BR(["本报讯（记者 王珂 通讯员 俞斌）" + p05[0]] + p05[1:], double=True))
add("zj-news", "g05-zj", "长三角南翼最大港口冷链枢纽在北仑开建", "https://zjnews.zjol.com.cn/zjnews/nbnews/202612/t20261206_31877201.shtml",
    T(6, 15, 0), g, ["headline-rewritten", "div-rebreak"], DIV(p05))
add("agg", "g05-agg", t05, no_www(l05), T(6, 11, 20), g, ["link-no-www"], P(p05))

# ---- G06 江阴高新区特钢智能化改造验收
g = "b2-g06-jiangyin-steel-smart-upgrade"
t06 = "江阴高新区澄锋特钢高端轴承钢智能化改造项目通过验收"
p06 = [
    "12月7日，江阴高新区澄锋特种钢材有限公司高端轴承钢智能化改造项目通过验收。项目总投资12.6亿元，新上智能炼钢、连铸在线检测和数字化仓储系统。",
    "改造完成后，企业生产效率提升23%，产品不良率下降40%，吨钢综合能耗降低8.5%。企业高端轴承钢年产能由60万吨提高到85万吨，产品主要供应国内外知名轴承企业。",
    "近年来，江阴高新区大力推动传统产业“智改数转网联”，累计实施智能化改造项目310个，建成省级智能制造示范工厂6家、省级智能车间42个。",
]
l06 = "https://www.jyhitech.gov.cn/doc/2026/12/07/1290544.shtml"
orig("jy-hitech", "g06-orig", t06, l06, T(7, 10, 0), g, p06)
add("jy-daily", "g06-daily", t06, "https://www.jyrb.com.cn/jyrb/20261208/A02/218830.html", T(8, 7, 0), g,
    ["date-edited", "join-paragraphs"],
    P(["日前，江阴高新区澄锋特种钢材有限公司高端轴承钢智能化改造项目通过验收。项目总投资12.6亿元，新上智能炼钢、连铸在线检测和数字化仓储系统。" + p06[1], p06[2]]))
add("agg", "g06-agg", t06, utm(l06, "toutiao", "feed", "zone_news"), T(7, 13, 45), g, ["link-utm"], P(p06))

# ---- G07 省商务厅通知，三家开发区网站原文转载
g = "b2-g07-province-zone-evaluation-notice"
t07 = "省商务厅关于开展2026年度全省开发区综合发展水平考核评价工作的通知"
p07 = [
    "各设区市商务局，各国家级、省级开发区管委会：",
    "为深入推进开发区高质量发展，根据《江苏省开发区条例》和省政府有关工作部署，现就开展2026年度全省开发区综合发展水平考核评价工作有关事项通知如下。",
    "一、考核评价范围。全省纳入国家和省开发区目录的各类开发区均应参加本年度考核评价。新设立不满一年的开发区可不参加排序，但须报送相关数据。",
    "二、材料报送。请各开发区于2027年1月20日前，通过全省开发区综合信息平台填报2026年度统计数据和自评报告，经所在设区市商务局审核后报送省商务厅。",
    "三、工作要求。各地要高度重视，确保数据真实、准确、完整。对弄虚作假的开发区，一经查实，取消当年考核评价资格并予以通报。",
    "联系人：开发区处 刘洋；联系电话：025-57710000。",
]
orig("js-commerce", "g07-orig", t07, "https://doc.jiangsu.gov.cn/swt/tzgg/art/2026/12/8/art_78963_11402517.html", T(8, 16, 0), g, p07)
add("nt-hitech", "g07-nthitech", t07, "https://www.nthitech.gov.cn/xxgk/tzgg/202612/t20261209_3319011.html", T(9, 9, 0), g,
    ["verbatim-repost"], P(p07))
add("ks-etdz", "g07-ksetdz", t07, "https://www.ketd.gov.cn/ksjjjskfq/tzgg/202612/5a0e7c3b21f44e96.shtml", T(9, 10, 30), g,
    ["verbatim-repost"], P(p07))
add("jy-hitech", "g07-jyhitech", t07, "https://www.jyhitech.gov.cn/doc/2026/12/10/1290871.shtml", T(10, 8, 45), g,
    ["verbatim-repost"], P(p07))

# ---- G08 江北新区新型研发机构揭牌（桥接组：简讯与缺首段稿均早于原稿）
g = "b2-g08-jiangbei-rd-institutes-bridge"
t08 = "南京江北新区8家新型研发机构集中揭牌"
p08 = [
    "12月10日上午，南京江北新区举行新型研发机构集中揭牌活动，中科智造研究院、江苏细胞治疗创新中心等8家新型研发机构正式落地运营。",
    "此次揭牌的机构聚焦集成电路、生命健康、新材料等领域，由高校院所、龙头企业和新区共同组建，已集聚研发人员1100余人，其中博士240人。",
    "活动现场，新区发布了新型研发机构绩效评价办法，对考核优秀的机构给予最高2000万元的运营经费支持，并在场地、人才公寓等方面予以保障。",
    "截至目前，江北新区已累计培育新型研发机构126家，孵化引进科技型企业1800余家，累计实现技术转让和技术服务收入超过30亿元。",
]
orig("jb-gov", "g08-orig", t08, "https://njna.nanjing.gov.cn/xqdt/202612/t20261210_5093316.html", T(10, 17, 30), g, p08)
add("jb-wx", "g08-brief", "今天上午，又有8家“研发新势力”落地", "https://mp.weixin.qq.com/s/Lm3aZt9Yq2HdRe5uVcN1gB", T(10, 11, 5), g,
    ["brief-first-paragraph", "headline-rewritten", "published-before-original"], P(p08[:1]))
add("agg", "g08-headless", t08, "https://kfqtt.cn/a/20261210/5524890", T(10, 14, 20), g,
    ["missing-first-paragraph", "published-before-original"], P(p08[1:]))

# ---- G09 南通经开区储能电池项目投产
g = "b2-g09-ntetdz-battery-plant"
t09 = "南通经开区华储新能源储能电池项目一期投产"
p09 = [
    "12月11日，南通经济技术开发区华储新能源科技有限公司储能电池项目一期正式投产。项目总投资50亿元，一期形成10GWh储能电芯及系统集成产能。",
    "项目自去年9月开工以来，开发区组建专班实行“拿地即开工”，从开工到首条产线投产仅用时15个月。二期项目计划2027年启动，全部达产后年产值将超过120亿元。",
    "仪式上，华储新能源与国内3家发电集团签订了储能系统供货框架协议，合同金额合计约18亿元。",
    "近年来，南通经开区把新能源作为主攻产业，已集聚光伏、储能、氢能等领域重点企业70余家，今年1—11月新能源产业实现产值680亿元，同比增长21%。",
]
l09 = "https://www.netda.gov.cn/ntjjjs/kfqyw/content/3f92b1d7-0c6e-4a58-b8e2-71d5c09e4a13.html"
orig("nt-etdz", "g09-orig", t09, l09, T(11, 10, 0), g, p09)
add("nt-etdz-wx", "g09-wx", "华储新能源储能电池项目一期投产", "https://mp.weixin.qq.com/s/Vb8kP1rTz6WqNc0yHj4eXs", T(11, 12, 0), g,
    ["wechat-frame", "brief-first-paragraph", "headline-rewritten"],
    wx_frame(P(p09[:1]) + '<p><img src="https://mmbiz.qpic.cn/mmbiz_jpg/ntkf/hc01.jpg"></p>',
             ["👆点击蓝字 关注我们", "✨✨✨"],
             ["来源：南通开发区融媒体中心", "编辑：倪佳", "审核：顾海波", "喜欢就点个“在看”吧💗", "点赞 | 在看 | 转发"]))
add("nt-daily", "g09-daily", "总投资50亿元！华储储能电池项目在南通经开区投产", "https://epaper.ntrb.com.cn/html/2026-12/12/content_552688.htm",
    T(12, 6, 30), g, ["headline-number-led", "benbao-opening"],
    P(["本报讯（记者 陆晨 通讯员 开宣）" + p09[0]] + p09[1:]))
add("agg", "g09-agg", t09, http(l09), T(11, 15, 30), g, ["link-http"], P(p09))

# ---- G10 苏州工业园区跨境数据流动服务试点（城市报原稿）
g = "b2-g10-sip-crossborder-data"
t10 = "苏州工业园区启动跨境数据流动服务试点"
p10 = [
    "12月11日，苏州工业园区跨境数据流动公共服务平台上线运行，园区同步启动跨境数据流动服务试点，首批23家外资企业纳入试点名单。",
    "据了解，平台提供数据出境合规咨询、安全评估申报辅导、标准合同备案等“一站式”服务，企业办理数据出境相关手续的平均时间可由原来的3个月压缩至1个月以内。",
    "园区商务局相关负责人介绍，首批试点企业涵盖生物医药、汽车零部件、跨境电商等行业，均为有真实跨境数据传输需求的重点外资企业。",
    "下一步，园区将根据试点情况制定数据出境负面清单；同时加强与上海、杭州等地的交流合作，为更多企业提供便利。",
]
l10 = "https://www.subaonet.com/2026/szyw/1212/1189020.shtml"
orig("sz-daily", "g10-orig", t10, l10, T(12, 7, 0), g, p10)
add("sip-gov", "g10-sip", t10, "https://www.sipac.gov.cn/szgyyq/yqdt/202612/b71e0c2d95f3487aa6d0c1e2f3a4b5c6.shtml", T(12, 10, 0), g,
    ["punctuation-reflow"], P([reflow(p) for p in p10]))
add("agg", "g10-agg", t10, no_www(l10), T(12, 9, 0), g, ["split-paragraph", "link-no-www"],
    P(p10[:1] + ["据了解，平台提供数据出境合规咨询、安全评估申报辅导、标准合同备案等“一站式”服务。",
                 "企业办理数据出境相关手续的平均时间可由原来的3个月压缩至1个月以内。"] + p10[2:]))

# ---- G11 世界物联网创新大会开幕（城市报原稿，微信短版早于原稿）
g = "b2-g11-wuxi-iot-conference"
t11 = "2026世界物联网创新大会在无锡高新区开幕"
p11 = [
    "12月12日，2026世界物联网创新大会在无锡高新区开幕。来自20多个国家和地区的1200余名嘉宾参会，共话物联网与人工智能融合发展。",
    "开幕式上发布了《物联网产业发展报告（2026）》。报告显示，全国物联网连接数已突破30亿，无锡物联网产业规模达到4800亿元，连续多年保持全国领先。",
    "大会期间，共有46个物联网重点项目集中签约，总投资超过320亿元，涵盖智能传感器、车联网、工业互联网平台等领域。",
    "本届大会设置1个主论坛和10个专题论坛，同期举办的物联网新技术新产品展示面积达2万平方米，300余家企业参展。",
]
orig("wx-daily", "g11-orig", t11, "https://www.wxrb.com/doc/2026/12/12/1650032.shtml", T(12, 20, 10), g, p11)
add("wx-hitech-wx", "g11-wx", "今天，2026世界物联网创新大会开幕！", "https://mp.weixin.qq.com/s/Hc2uYp7GdA5nMv3sTq8wRk", T(12, 10, 30), g,
    ["wechat-short", "photo-captions", "headline-rewritten", "date-edited", "published-before-original"],
    P([two_sentences(p11).replace("12月12日", "今天")])
    + '<p><img src="https://mmbiz.qpic.cn/mmbiz_png/xwfb/iot1.png"></p><p>图为开幕式现场。</p>'
    + '<p><img src="https://mmbiz.qpic.cn/mmbiz_png/xwfb/iot2.png"></p><p>图为观众在展区体验车联网产品。</p>'
    + '<p><img src="https://mmbiz.qpic.cn/mmbiz_png/xwfb/iot3.png"></p><p>图为重点项目签约仪式。</p>')
add("xh-js", "g11-xh", t11, "https://www.js.xinhuanet.com/20261212/5c0e9a7b3d214f86b2e1a9c8d7f60b15/c.html", T(12, 22, 0), g,
    ["brief-first-two-sentences"], P([two_sentences(p11)]))

# ---- G12 昆山开发区人才新政20条
g = "b2-g12-kunshan-talent-policy"
t12 = "昆山开发区发布“人才新政20条” 最高给予1000万元项目资助"
p12 = [
    "12月14日，昆山开发区召开人才工作大会，正式发布《昆山开发区关于加快集聚高层次人才的若干政策》（简称“人才新政20条”）。",
    "新政围绕顶尖人才引进、青年人才安居、企业引才奖励等方面提出20条具体措施。对引进的顶尖人才团队，最高给予1000万元项目资助；对新引进的博士，给予每月3000元生活补贴，连续发放3年。",
    "会上，开发区为首批15个“高层次人才创新创业项目”颁发证书，并与上海交通大学、东南大学等6所高校签订人才合作协议。",
    "开发区人才办负责人介绍，新政自2027年1月1日起施行，有效期3年。",
]
orig("ks-etdz", "g12-orig", t12, "https://www.ketd.gov.cn/ksjjjskfq/kfqdt/202612/7c1d3f5e08a94b21.shtml", T(14, 10, 0), g, p12)
add("ks-daily", "g12-daily", t12, "https://www.ksrb.cn/news/2026-12/15/content_77561.html", T(15, 7, 0), g, ["div-rebreak"], DIV(p12))
add("agg", "g12-agg", t12, "https://kfqtt.cn/a/20261214/5528106", T(14, 13, 0), g,
    ["brief-first-paragraph", "summary-only"], None, p12[0])

# ---- G13 宁波开发区氢能产业园首批项目入驻
g = "b2-g13-ningbo-hydrogen-park"
t13 = "宁波开发区氢能产业园首批项目集中入驻"
p13 = [
    "12月15日，宁波开发区氢能产业园迎来首批入驻项目，甬氢动力、东港储氢装备等7个项目集中入驻，总投资约46亿元。",
    "氢能产业园规划面积3.2平方公里，重点发展氢燃料电池系统、储氢装备、加氢设备等产业。园区内已建成加氢站2座，日加氢能力合计2000公斤。",
    "开发区经济发展局负责人表示，将依托港口和石化产业的副产氢资源优势，打造长三角重要的氢能装备制造基地，力争到2030年氢能产业产值突破300亿元。",
]
l13 = "https://www.bl.gov.cn/art/2026/12/15/art_1229031_59126618.html"
orig("nb-etdz", "g13-orig", t13, l13, T(15, 9, 0), g, p13)
add("nb-daily", "g13-daily", "宁波开发区氢能产业园首批7个项目入驻", "https://daily.cnnb.com.cn/nbrb/html/2026-12/16/content_1604912.htm",
    T(16, 6, 30), g, ["brief-first-two-sentences", "headline-rewritten"], P([two_sentences(p13)]))
add("zj-news", "g13-zj", t13, "https://zjnews.zjol.com.cn/zjnews/nbnews/202612/t20261215_31902288.shtml", T(15, 14, 0), g,
    ["br-rebreak"], "<div>" + "<br>".join(p13) + "</div>")
add("agg", "g13-agg", t13, utm(l13, "weibo", "referral", "ningbo"), T(15, 11, 0), g, ["link-utm"], P(p13))

# ---- G14 江阴高新区共建产业学院（城市报原稿）
g = "b2-g14-jiangyin-industry-colleges"
t14 = "江阴高新区与4所高职院校共建产业学院"
p14 = [
    "12月15日，江阴高新区产教融合发展大会召开，高新区与江阴职业技术学院、无锡职业技术学院等4所高职院校签约，共建集成电路、高端装备等4个产业学院。",
    "根据协议，产业学院将采取“企业出题、学校答题”的方式，由区内龙头企业参与制定人才培养方案，共建实训基地，每年定向培养技术技能人才1500名以上。",
    "会上还发布了高新区首批32家产教融合型企业名单，其中12家企业获得省级产教融合型企业认定。",
    "高新区相关负责人表示，目前区内企业技能人才缺口约8000人，通过共建产业学院，将有效缓解企业用工难题。",
]
orig("jy-daily", "g14-orig", t14, "https://www.jyrb.com.cn/jyrb/20261216/A01/219402.html", T(16, 6, 50), g, p14)
add("jy-hitech", "g14-hitech", t14, "https://www.jyhitech.gov.cn/doc/2026/12/16/1291760.shtml", T(16, 10, 0), g,
    ["date-edited", "join-paragraphs"],
    P([p14[0].replace("12月15日", "近日"), p14[1], p14[2] + p14[3]]))
add("agg", "g14-agg", "年培养1500名技术技能人才 江阴高新区牵手4所高职院校", "https://kfqtt.cn/a/20261216/5530077", T(16, 12, 0), g,
    ["headline-rewritten"], P(p14))

# ---- G15 江北新区集成电路设计大赛决赛
g = "b2-g15-jiangbei-ic-design-contest"
t15 = "第五届江北新区集成电路设计大赛决赛举行"
p15 = [
    "12月17日，第五届南京江北新区集成电路设计大赛决赛在新区研创园举行。经过初赛、复赛层层选拔，来自全国的30支团队进入决赛。",
    "本届大赛共征集参赛项目426个，较上届增长35%，项目涵盖人工智能芯片、射频芯片、车规级芯片等方向。经过激烈角逐，“低功耗存算一体芯片”项目获得一等奖。",
    "大赛组委会介绍，获奖项目落户江北新区的，可享受最高500万元的落户奖励，并优先入驻新区集成电路设计孵化器。",
    "江北新区已集聚集成电路企业580余家，今年产业规模预计突破900亿元。",
]
orig("jb-gov", "g15-orig", t15, "https://njna.nanjing.gov.cn/xqdt/202612/t20261217_5097702.html", T(17, 11, 0), g, p15)
add("jb-wx", "g15-wx", t15, "https://mp.weixin.qq.com/s/Nq5eTc1LxH8aWs3bZpM7vJ", T(17, 18, 0), g, ["wechat-frame"],
    wx_frame(P(p15), ["点击上方蓝字“江北新区发布”关注我们", "📣📣📣"],
             ["🔸🔸🔸", "来源：新区科技创新局", "编辑：孟婷", "责任编辑：吴昊", "审核：张立", "转发、点赞、在看，一键三连👇"]))
add("nj-daily", "g15-daily", t15, "https://njrb.njdaily.cn/html/2026-12/18/content_3391_2210871.htm", T(18, 6, 30), g,
    ["benbao-opening", "split-paragraph"],
    P(["本报讯（记者 许诺 通讯员 宁宣）" + p15[0],
       "本届大赛共征集参赛项目426个，较上届增长35%，项目涵盖人工智能芯片、射频芯片、车规级芯片等方向。",
       "经过激烈角逐，“低功耗存算一体芯片”项目获得一等奖。"] + p15[2:]))

# ---- G16 南通高新区3家企业入选国家级智能制造示范工厂（市政府网原稿）
g = "b2-g16-nthitech-smart-factories"
t16 = "南通高新区3家企业入选国家级智能制造示范工厂"
p16 = [
    "近日，工业和信息化部公布2026年度智能制造示范工厂揭榜单位名单，南通高新区恒驰电梯部件、海纳精工和盛川纺织机械3家企业入选。",
    "此次入选数量占全市总数的一半。3家企业通过建设数字孪生车间、工业互联网平台等，生产效率平均提升30%以上，运营成本平均降低20%。",
    "截至目前，南通高新区已累计培育国家级智能制造示范工厂5家，省级智能工厂、智能车间85个，规上工业企业智能化改造数字化转型实现全覆盖。",
]
orig("nt-gov", "g16-orig", t16, "https://www.nantong.gov.cn/ntsrmzf/bmdt/content/6e0b4d2a-91c7-4f3e-8d25-c4a7e1b09f58.html", T(18, 15, 0), g, p16)
add("nt-hitech", "g16-hitech", t16, "https://www.nthitech.gov.cn/xwzx/gqdt/202612/t20261218_3320274.html", T(18, 17, 30), g,
    ["div-rebreak"], DIV(p16))
add("nt-daily", "g16-daily", t16, "https://epaper.ntrb.com.cn/html/2026-12/19/content_553104.htm", T(19, 7, 0), g,
    ["brief-first-paragraph"], P(p16[:1]))

# ---- G17 园区第70家上市企业
g = "b2-g17-sip-70th-listing"
t17 = "园区企业思锐微科技在科创板上市 园区境内外上市企业达70家"
p17 = [
    "12月19日，苏州工业园区企业思锐微科技股份有限公司在上海证券交易所科创板挂牌上市，成为园区第70家境内外上市企业。",
    "思锐微成立于2015年，专注于MEMS传感器芯片研发，产品广泛应用于消费电子和汽车电子领域。公司此次公开发行股票6000万股，募集资金约12亿元。",
    "今年以来，苏州园区新增上市企业8家，新增数量位居全国开发区前列。园区将持续完善“科技—产业—金融”良性循环，推动更多优质企业对接资本市场。",
]
l17 = "https://www.sipac.gov.cn/szgyyq/yqdt/202612/e4c2a1b0d9f8475f9e3c2b1a0d9e8f7c.shtml"
orig("sip-gov", "g17-orig", t17, l17, T(19, 10, 0), g, p17)
add("sip-wx", "g17-wx", "园区第70家上市企业诞生", "https://mp.weixin.qq.com/s/Tg6wQe0RbY3uIo9pLk2jHf", T(19, 12, 0), g,
    ["wechat-frame", "brief-first-two-sentences", "headline-rewritten"],
    wx_frame(P([two_sentences(p17)]), ["🎉🎉🎉", "点击蓝字 关注苏州园区发布"],
             ["来源：园区金融局", "编辑：陆雨萱", "审核：沈卫", "❤ 点赞 · 在看 · 分享"]))
add("sz-daily", "g17-daily", "第70家！思锐微科技登陆科创板", "https://www.subaonet.com/2026/szyw/1220/1191544.shtml", T(20, 6, 40), g,
    ["headline-number-led", "date-edited"], P([p17[0].replace("12月19日", "昨天")] + p17[1:]))
add("agg", "g17-agg", t17, http(l17), T(19, 13, 30), g, ["link-http"], P(p17))

# ================================================================ near-miss pairs
NEAR = []


def pair(a, b):
    NEAR.append([a["id"], b["id"]])


# N01 南通经开区 "工作动态" x2
a = orig("nt-etdz", "n01-a", "工作动态", "https://www.netda.gov.cn/ntjjjs/gzdt/content/1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a01.html", T(2, 16, 0),
         "b2-n01a-ntetdz-safety-meeting", [
             "12月1日，南通经开区召开四季度安全生产工作推进会，通报前期安全生产大检查发现问题隐患的整改情况，部署岁末年初安全防范工作。",
             "会议要求，各园区、各部门要紧盯危化品、建筑施工、消防、燃气等重点领域，压实企业主体责任和部门监管责任，坚决防范遏制重大事故发生。",
             "会议还对元旦、春节期间值班值守和应急处置工作作了安排。",
         ])
b = orig("nt-etdz", "n01-b", "工作动态", "https://www.netda.gov.cn/ntjjjs/gzdt/content/1a2b3c4d-0002-4e5f-8a9b-0c1d2e3f4a02.html", T(9, 16, 0),
         "b2-n01b-ntetdz-project-meeting", [
             "12月8日，南通经开区召开重点项目推进会，逐一听取在建重点项目进展情况，现场协调解决项目用地、用电、施工许可等问题21个。",
             "会议要求，各责任部门要倒排工期、挂图作战，对进度滞后的项目实行专人盯办，确保全年重点项目投资目标任务圆满完成。",
             "会议还研究了2027年重点项目储备和招引工作，要求各招商部门提前谋划、储备一批投资体量大、带动作用强的产业项目。",
         ])
pair(a, b)

# N02 苏州工业园区 "重要通知" x2
a = orig("sip-gov", "n02-a", "重要通知", "https://www.sipac.gov.cn/szgyyq/tzgg/202612/a1f0c9e8d7b64a53.shtml", T(4, 15, 0),
         "b2-n02a-sip-rd-statistics", [
             "各有关企业：",
             "根据统计工作安排，园区将于12月10日至12月25日开展2026年度企业研发费用统计工作。请规模以上工业企业、高新技术企业登录统计联网直报平台，如实填报研发活动情况。",
             "请各企业指定专人负责，确保数据真实准确。逾期未填报的企业，将影响其享受研发费用加计扣除相关服务。咨询电话：0512-66680000。",
         ])
b = orig("sip-gov", "n02-b", "重要通知", "https://www.sipac.gov.cn/szgyyq/tzgg/202612/b2e1d0c9f8a75b64.shtml", T(11, 15, 0),
         "b2-n02b-sip-holiday-hours", [
             "各位办事群众、企业：",
             "根据国务院办公厅关于2027年部分节假日安排的通知，园区政务服务中心元旦期间（2027年1月1日至1月3日）暂停现场窗口服务，1月4日起恢复正常办公。",
             "假期期间，企业开办、工程建设项目审批、社保医保等事项可通过“园区政务服务”网上平台或自助服务终端办理，急办事项可拨打值班电话预约。咨询电话：0512-66681111。",
         ])
pair(a, b)

# N03 无锡高新区 "园区要闻" x2
a = orig("wx-hitech", "n03-a", "园区要闻", "https://www.wnd.gov.cn/doc/2026/12/03/4411650.shtml", T(3, 17, 0),
         "b2-n03a-wxhitech-foreign-firms-forum", [
             "12月3日，无锡高新区召开外资企业座谈会，来自日本、韩国、德国等国家和地区的22家外资企业负责人参加。",
             "座谈会上，企业代表围绕出入境便利、供应链稳定、人才招聘等方面提出意见建议。区相关部门负责人逐一作了回应。",
             "区领导表示，将建立外资企业诉求快速响应机制，对企业反映的问题实行清单化管理，做到件件有回音、事事有落实。",
         ])
b = orig("wx-hitech", "n03-b", "园区要闻", "https://www.wnd.gov.cn/doc/2026/12/05/4412313.shtml", T(5, 17, 0),
         "b2-n03b-wxhitech-startup-final", [
             "12月5日，2026新吴区创新创业大赛总决赛举行，经过初赛、复赛，共有16个项目进入总决赛。",
             "最终，“高精度激光雷达芯片”等3个项目获得一等奖，“柔性电子皮肤”等5个项目获得二等奖。获奖项目在区内落地的，可获得最高300万元的创业资助。",
             "本届大赛共吸引海内外参赛项目380个，参赛规模创历届之最，其中海外留学人员项目占比超过四成。",
         ])
pair(a, b)


# N04 江北新区 中标结果公告 x2（同一模板）
def bid(name, code, winner, amount, days, manager):
    return [f"一、项目名称：{name}", f"二、项目编号：{code}",
            f"三、中标人：{winner}；中标金额：{amount}元；工期：{days}日历天；项目经理：{manager}。",
            "四、公示期：自本公告发布之日起3个工作日。各有关当事人对中标结果有异议的，可在公示期内以书面形式向招标人提出。",
            "五、招标人：南京江北新区建设和交通局；招标代理机构：江苏华诚工程咨询有限公司；联系电话：025-58880000。"]


n = "南京江北新区研创园道路提升改造工程"
a = orig("jb-gov", "n04-a", n + "中标结果公告", "https://njna.nanjing.gov.cn/zfcg/zbgg/202612/t20261206_5091120.html", T(6, 10, 0),
         "b2-n04a-jiangbei-road-bid", bid(n, "JBXQ-2026-GC-118", "中建八局第三建设有限公司", "46,385,210.00", 300, "王海峰"))
n = "南京江北新区滨江生态公园景观绿化工程"
b = orig("jb-gov", "n04-b", n + "中标结果公告", "https://njna.nanjing.gov.cn/zfcg/zbgg/202612/t20261206_5091124.html", T(6, 10, 5),
         "b2-n04b-jiangbei-park-bid", bid(n, "JBXQ-2026-GC-121", "江苏山水园林建设集团有限公司", "18,902,470.00", 240, "周晓梅"))
pair(a, b)


# N05 昆山开发区 公开招聘 x2（两个岗位）
def ks_recruit(post, n, cond, dates):
    return [f"根据工作需要，昆山开发区面向社会公开招聘{post}{n}名。现将有关事项公告如下。",
            f"一、招聘条件。{cond}",
            f"二、报名方式。报名时间为{dates}，应聘人员登录昆山人才网在线报名，每人限报一个岗位。",
            "三、考试考核。考试采取笔试和面试相结合的方式进行，笔试、面试成绩各占50%，具体时间地点另行通知。",
            "四、待遇。聘用人员实行合同制管理，薪酬待遇按开发区编外人员管理有关规定执行，依法缴纳五险一金。咨询电话：0512-57310000。"]


a = orig("ks-etdz", "n05-a", "昆山开发区公开招聘工作人员公告（经济服务岗）", "https://www.ketd.gov.cn/ksjjjskfq/rsxx/202612/1e2d3c4b5a697887.shtml",
         T(8, 9, 0), "b2-n05a-kunshan-recruit-economy",
         ks_recruit("经济服务岗工作人员", 8, "全日制本科及以上学历，经济学、金融学、国际贸易等相关专业，年龄35周岁以下。", "12月9日至12月18日"))
b = orig("ks-etdz", "n05-b", "昆山开发区公开招聘工作人员公告（安全监管岗）", "https://www.ketd.gov.cn/ksjjjskfq/rsxx/202612/2f3e4d5c6b7a8998.shtml",
         T(15, 9, 0), "b2-n05b-kunshan-recruit-safety",
         ks_recruit("安全监管岗工作人员", 5, "全日制大专及以上学历，安全工程、化学工程、消防工程等相关专业，具有注册安全工程师证书者优先，年龄40周岁以下。", "12月16日至12月25日"))
pair(a, b)

# N06 宁波开发区 集中开工 / 集中签约 同日
a = orig("nb-etdz", "n06-a", "宁波开发区举行四季度重大项目集中开工活动", "https://www.bl.gov.cn/art/2026/12/9/art_1229031_59122071.html", T(9, 11, 0),
         "b2-n06a-ningbo-groundbreaking", [
             "12月9日上午，宁波开发区举行四季度重大项目集中开工活动。此次集中开工项目共14个，总投资118亿元，涵盖高端装备、新材料、港航物流等领域。",
             "其中，总投资32亿元的精密轴承产业基地项目、总投资18亿元的高性能膜材料项目等5个项目投资额超过10亿元。",
             "开发区管委会主任孙海涛宣布项目开工，并要求各部门全力做好要素保障，推动项目早建成、早投产。",
         ])
b = orig("nb-etdz", "n06-b", "宁波开发区举行四季度重大项目集中签约活动", "https://www.bl.gov.cn/art/2026/12/9/art_1229031_59122098.html", T(9, 17, 0),
         "b2-n06b-ningbo-signing", [
             "12月9日下午，宁波开发区举行四季度重大项目集中签约活动。此次共有11个项目现场签约，协议总投资96亿元，其中外资项目4个。",
             "签约项目包括汽车零部件研发总部、跨境电商物流中心、海洋工程装备制造基地等，预计全部达产后新增年产值150亿元。",
             "开发区党工委书记何振宇在致辞中表示，开发区将以最优服务推动签约项目尽快落地。",
         ])
pair(a, b)

# N07 南通高新区 同日两位领导调研
a = orig("nt-hitech", "n07-a", "市委书记王建国到南通高新区调研", "https://www.nthitech.gov.cn/xwzx/ldhd/202612/t20261210_3319355.html", T(10, 18, 0),
         "b2-n07a-nthitech-party-secretary-visit", [
             "12月10日上午，市委书记王建国到南通高新区调研产业发展和项目建设工作。",
             "王建国先后来到瑞和康生物科技项目工地、海纳精工智能车间，详细了解项目进度和企业生产经营情况。",
             "他强调，高新区要聚焦主导产业招大引强，以重大项目建设支撑经济高质量发展，在科技创新、产业升级上勇挑大梁，为全市发展多作贡献。市领导张宏、孙立新参加调研。",
         ])
b = orig("nt-hitech", "n07-b", "省商务厅厅长李明华到南通高新区调研", "https://www.nthitech.gov.cn/xwzx/ldhd/202612/t20261210_3319361.html", T(10, 18, 20),
         "b2-n07b-nthitech-commerce-head-visit", [
             "12月10日下午，省商务厅厅长李明华一行到南通高新区调研外资外贸工作。",
             "李明华一行走访了盛川纺织机械、恒驰电梯部件等外向型企业，听取企业关于拓展海外市场、稳定外贸订单的意见建议。",
             "李明华指出，要用好各项稳外贸政策，帮助企业开拓多元化市场，推动开发区开放型经济提质增效。南通市政府、市商务局有关负责同志陪同调研。",
         ])
pair(a, b)


# N08 同一领导连续两天调研两个高新区，同一措辞
def visit(day, zone, c1, c2, city):
    return [f"12月{day}日，副省长张志远到{zone}调研科技创新工作。他先后来到{c1}、{c2}，深入了解企业研发投入、关键技术攻关和成果转化等情况。",
            f"张志远指出，{zone}要坚持创新驱动发展，强化企业科技创新主体地位，加快培育新质生产力，在全省高新区高质量发展中走在前列。",
            f"省科技厅、{city}有关负责同志参加调研。"]


a = orig("jy-hitech", "n08-a", "张志远到江阴高新区调研科技创新工作", "https://www.jyhitech.gov.cn/doc/2026/12/11/1291102.shtml", T(11, 17, 0),
         "b2-n08a-vice-governor-jiangyin", visit(11, "江阴高新区", "澄锋特钢技术中心", "江阴微纳传感研究院", "无锡市、江阴市"))
b = orig("wx-hitech", "n08-b", "张志远到无锡高新区调研科技创新工作", "https://www.wnd.gov.cn/doc/2026/12/12/4413370.shtml", T(12, 17, 0),
         "b2-n08b-vice-governor-wuxi", visit(12, "无锡高新区", "芯明半导体", "太湖物联网创新中心", "无锡市"))
pair(a, b)


# N09 昆山开发区 月度经济运行（两个月份）
def ks_month(m, v):
    return [f"1—{m}月，昆山开发区实现规模以上工业总产值{v[0]}亿元，同比增长{v[1]}%；完成固定资产投资{v[2]}亿元，同比增长{v[3]}%。",
            f"从重点产业看，电子信息产业实现产值{v[4]}亿元，同比增长{v[5]}%；装备制造产业实现产值{v[6]}亿元，同比增长{v[7]}%。",
            f"外资外贸方面，实际使用外资{v[8]}亿美元；完成进出口总额{v[9]}亿美元，其中出口{v[10]}亿美元。",
            f"财政收入方面，实现一般公共预算收入{v[11]}亿元，同比增长{v[12]}%。"]


a = orig("ks-etdz", "n09-a", "昆山开发区1—10月经济运行情况", "https://www.ketd.gov.cn/ksjjjskfq/tjxx/202612/3a4b5c6d7e8f9010.shtml", T(2, 9, 0),
         "b2-n09a-kunshan-oct-report",
         ks_month(10, ["3862.4", "6.8", "212.7", "5.1", "2410.9", "7.9", "756.3", "5.2", "9.84", "486.2", "301.5", "88.6", "4.3"]))
b = orig("ks-etdz", "n09-b", "昆山开发区1—11月经济运行情况", "https://www.ketd.gov.cn/ksjjjskfq/tjxx/202612/4b5c6d7e8f901021.shtml", T(18, 9, 0),
         "b2-n09b-kunshan-nov-report",
         ks_month(11, ["4265.1", "7.1", "236.9", "5.4", "2668.0", "8.2", "829.7", "5.0", "10.92", "537.8", "333.4", "96.1", "4.6"]))
pair(a, b)

# N10 苏州工业园区 两家企业签约，标题几乎相同
a = orig("sip-gov", "n10-a", "苏州工业园区与科瑞达医疗签署战略合作协议", "https://www.sipac.gov.cn/szgyyq/yqdt/202612/c3d2e1f0a9b84c76.shtml", T(16, 10, 0),
         "b2-n10a-sip-kerui-da-medical", [
             "12月16日，苏州工业园区与科瑞达医疗科技集团签署战略合作协议。根据协议，科瑞达医疗将在园区设立华东总部及高端影像设备研发制造基地，项目总投资15亿元。",
             "科瑞达医疗是国内医学影像设备领域的骨干企业，主要产品包括CT、磁共振和超声设备。",
             "园区将在人才引进、临床试验资源对接等方面给予支持，推动项目尽快建成。",
         ])
b = orig("sip-gov", "n10-b", "苏州工业园区与科瑞德生物签署战略合作协议", "https://www.sipac.gov.cn/szgyyq/yqdt/202612/d4e3f2a1b0c95d87.shtml", T(16, 15, 30),
         "b2-n10b-sip-kuiride-bio", [
             "12月16日，苏州工业园区与科瑞德生物制药有限公司签署战略合作协议。科瑞德生物将在园区建设抗体药物中试及商业化生产平台，项目总投资9亿元。",
             "科瑞德生物成立于2018年，目前已有4款创新抗体药物进入临床阶段，其中1款处于三期临床试验。",
             "园区将为企业提供药品上市许可持有人制度配套服务，支持企业加快产品上市。",
         ])
pair(a, b)


# N11 无锡高新区 公开招聘 x2（两个岗位）
def wx_recruit(post, n, cond, exam):
    return [f"为加强基层队伍建设，无锡高新区（新吴区）面向社会公开招聘{post}{n}名。",
            f"报名条件：{cond}",
            f"招聘程序：按照报名、资格审查、{exam}、体检、考察、公示等程序进行。报名时间为12月10日至12月20日，报名网址为新吴区人力资源网。",
            "聘用人员签订劳动合同，试用期3个月，薪酬待遇按区有关规定执行。"]


a = orig("wx-hitech", "n11-a", "无锡高新区（新吴区）公开招聘专职网格员公告", "https://www.wnd.gov.cn/doc/2026/12/09/4412980.shtml", T(9, 9, 30),
         "b2-n11a-wxhitech-recruit-grid",
         wx_recruit("专职网格员", 60, "具有无锡市户籍或在无锡连续缴纳社保满1年，大专及以上学历，年龄35周岁以下，能熟练使用办公软件。", "笔试、面试"))
b = orig("wx-hitech", "n11-b", "无锡高新区（新吴区）公开招聘专职消防员公告", "https://www.wnd.gov.cn/doc/2026/12/16/4414021.shtml", T(16, 9, 30),
         "b2-n11b-wxhitech-recruit-firefighter",
         wx_recruit("政府专职消防员", 25, "男性，高中及以上学历，年龄18至28周岁，身高165厘米以上，退役士兵年龄可放宽至30周岁。", "体能测试、面试"))
pair(a, b)

# N12 江阴高新区 集中开工 / 集中签约 同日
a = orig("jy-hitech", "n12-a", "江阴高新区举行重大项目集中开工仪式", "https://www.jyhitech.gov.cn/doc/2026/12/18/1292035.shtml", T(18, 11, 30),
         "b2-n12a-jiangyin-groundbreaking", [
             "12月18日上午，江阴高新区举行重大项目集中开工仪式，共有9个项目集中开工，总投资62亿元。",
             "开工项目中，新能源汽车电驱系统项目总投资20亿元，建成后年产电驱系统80万套；高纯电子化学品项目总投资12亿元。",
             "高新区将实行项目建设“一项目一专班”，对开工项目实行周调度、月通报，确保项目按时序推进、早日建成投产。",
         ])
b = orig("jy-hitech", "n12-b", "江阴高新区举行重大产业项目集中签约仪式", "https://www.jyhitech.gov.cn/doc/2026/12/18/1292047.shtml", T(18, 16, 0),
         "b2-n12b-jiangyin-signing", [
             "12月18日下午，江阴高新区举行重大产业项目集中签约仪式，16个项目现场签约，协议总投资108亿元。",
             "签约项目涉及集成电路封测、生物医药、特种合金材料等领域，其中超10亿元项目5个，外资项目3个。",
             "高新区党工委主要负责人表示，将以一流营商环境服务签约企业，建立签约项目全生命周期服务机制，推动项目早落地、早开工。",
         ])
pair(a, b)


# N13 宁波开发区 外贸月报（两个月份）
def nb_trade(m, v):
    return [f"据海关统计，1—{m}月宁波开发区实现进出口总额{v[0]}亿元，同比增长{v[1]}%。其中，出口{v[2]}亿元，增长{v[3]}%；进口{v[4]}亿元，增长{v[5]}%。",
            f"从贸易方式看，一般贸易进出口{v[6]}亿元，占进出口总额的{v[7]}%。",
            f"从主要市场看，对共建“一带一路”国家进出口{v[8]}亿元，增长{v[9]}%；对欧盟进出口{v[10]}亿元，增长{v[11]}%。",
            "开发区商务局将继续做好外贸企业订单、物流和融资服务，全力稳住外贸基本盘。"]


a = orig("nb-etdz", "n13-a", "1—10月宁波开发区外贸进出口情况", "https://www.bl.gov.cn/art/2026/12/3/art_1229031_59118502.html", T(3, 10, 0),
         "b2-n13a-ningbo-trade-oct",
         nb_trade(10, ["2184.6", "5.7", "1236.9", "7.2", "947.7", "3.8", "1602.3", "73.3", "811.4", "9.6", "352.0", "2.1"]))
b = orig("nb-etdz", "n13-b", "1—11月宁波开发区外贸进出口情况", "https://www.bl.gov.cn/art/2026/12/17/art_1229031_59127733.html", T(17, 10, 0),
         "b2-n13b-ningbo-trade-nov",
         nb_trade(11, ["2411.2", "6.0", "1368.5", "7.5", "1042.7", "4.0", "1770.8", "73.4", "902.6", "10.1", "386.9", "2.4"]))
pair(a, b)

# N14 无锡高新区 两家外资企业同日签约
a = orig("wx-hitech", "n14-a", "无锡高新区与东丽精密签约 共建新能源汽车零部件项目", "https://www.wnd.gov.cn/doc/2026/12/14/4413701.shtml", T(14, 11, 0),
         "b2-n14a-wxhitech-dongli-signing", [
             "12月14日，无锡高新区与日本东丽精密株式会社签署投资协议，东丽精密将在区内投资2.2亿美元，建设新能源汽车精密零部件生产基地。",
             "项目主要生产电机铁芯、电池包结构件等产品，主要为国内新能源整车企业配套，达产后年销售额约25亿元。",
             "东丽精密已在无锡投资20年，此次为其在华第三次增资扩产。项目计划明年3月开工，2028年投产。",
         ])
b = orig("wx-hitech", "n14-b", "无锡高新区与东邦精机签约 共建半导体设备零部件项目", "https://www.wnd.gov.cn/doc/2026/12/14/4413709.shtml", T(14, 15, 0),
         "b2-n14b-wxhitech-toho-signing", [
             "12月14日，无锡高新区与日本东邦精机株式会社签署投资协议，东邦精机将在区内投资8000万美元，建设半导体设备精密零部件项目。",
             "项目主要生产晶圆传输机械手、真空腔体等关键零部件，建成后将为长三角地区半导体设备企业配套。",
             "这是东邦精机首次在中国大陆设立生产型企业。项目选址于区内半导体装备产业园，计划明年年中投产。",
         ])
pair(a, b)

# N15 昆山开发区 "工作动态" x2
a = orig("ks-etdz", "n15-a", "工作动态", "https://www.ketd.gov.cn/ksjjjskfq/gzdt/202612/5c6d7e8f90102132.shtml", T(10, 16, 0),
         "b2-n15a-kunshan-enterprise-service", [
             "12月10日，昆山开发区召开企业服务专员工作会议，总结今年企业服务工作，部署下阶段重点任务。",
             "今年以来，开发区132名企业服务专员累计走访企业4600余家次，收集解决企业诉求1280件，诉求办结率达到98.6%。",
             "会议要求，服务专员要当好政策宣传员、问题协调员，对企业诉求做到当日响应、限时办结，为企业提供更加精准的服务。",
         ])
b = orig("ks-etdz", "n15-b", "工作动态", "https://www.ketd.gov.cn/ksjjjskfq/gzdt/202612/6d7e8f9010213243.shtml", T(17, 16, 0),
         "b2-n15b-kunshan-river-chief", [
             "12月17日，昆山开发区召开河湖长制工作会议，通报全区河湖长巡河履职和水环境治理情况。",
             "今年，开发区完成12条河道综合整治，新建污水管网38公里，完成雨污分流改造小区21个，国省考断面水质优Ⅲ类比例保持100%。",
             "会议强调，要持续深化河湖长制，加强工业企业排水监管和农村生活污水治理，巩固水环境治理成效，确保冬季水质稳定达标。",
         ])
pair(a, b)

# ================================================================ singletons
orig("nt-daily", "s01", "市区新开4条跨江通勤公交线路", "https://epaper.ntrb.com.cn/html/2026-12/05/content_552210.htm", T(5, 6, 30),
     "b2-s01-nantong-bus-lines", [
         "本报讯（记者 朱丹）12月6日起，市区将新开通4条跨江通勤公交线路，串联主城区与沿江主要工业集中区，方便职工上下班出行。",
         "新开线路实行早晚高峰定时发车，票价统一为2元，可使用交通一卡通和手机扫码乘车。",
         "市交通运输局表示，将根据客流情况适时调整发车班次，并在沿线增设公交候车亭28座。市民可通过“南通公交”小程序查询车辆实时位置。",
     ])
orig("js-drc", "s02", "省发展改革委下达2027年省重大项目第一批前期工作计划", "https://fzggw.jiangsu.gov.cn/art/2026/12/9/art_283_11403361.html", T(9, 15, 0),
     "b2-s02-jiangsu-major-projects-plan", [
         "近日，省发展改革委下达2027年省重大项目第一批前期工作计划，共安排前期工作项目186个，估算总投资约1.1万亿元。",
         "从项目类型看，先进制造业项目98个，基础设施项目52个，民生及社会事业项目36个。",
         "省发展改革委要求各地加快推进项目用地、环评、能评等前期手续办理，力争计划内项目在2027年上半年具备开工条件。",
     ])
orig("nb-daily", "s03", "宁波舟山港年集装箱吞吐量首破4000万标准箱", "https://daily.cnnb.com.cn/nbrb/html/2026-12/13/content_1604160.htm", T(13, 6, 30),
     "b2-s03-ningbo-port-throughput", [
         "本报讯（记者 张帆）12月12日14时，随着一只标有“4000万”字样的集装箱在梅山港区吊装上船，宁波舟山港今年集装箱吞吐量首次突破4000万标准箱。",
         "今年以来，宁波舟山港新增集装箱航线21条，航线总数达到320条，其中“一带一路”航线130余条。",
         "港口有关负责人表示，将继续推进智慧港口建设，提升港口综合服务能力。",
     ])
orig("wx-hitech", "s04", "2026年度“最美新吴人”颁奖典礼举行", "https://www.wnd.gov.cn/doc/2026/12/19/4414588.shtml", T(19, 20, 0),
     "b2-s04-wuxi-role-models", [
         "12月19日晚，2026年度“最美新吴人”颁奖典礼举行，10名个人和2个集体获评年度“最美新吴人”。",
         "获奖者中，有扎根社区二十年的网格员，有攻克芯片封装难题的工程师，也有坚持义务献血三十年的退休教师。",
         "典礼以情景再现、现场访谈等形式讲述获奖者的感人故事，区内各界代表500余人参加。“最美新吴人”评选活动已连续举办9年。",
     ])
orig("jb-wx", "s05", "江北新区首家全自动化社区食堂开业", "https://mp.weixin.qq.com/s/Rk4dYw1PqZ7sXe2nBv8mCt", T(4, 18, 0),
     "b2-s05-jiangbei-canteen", [
         "12月4日，江北新区首家全自动化社区食堂在泰山街道开业。食堂采用智能炒菜机器人和自动结算系统，可同时满足300人就餐。",
         "食堂面向辖区老年人推出“一荤两素”助餐套餐，60周岁以上老人就餐可享受每餐3元的补贴，80周岁以上老人还可预约送餐上门服务。",
         "街道相关负责人表示，食堂运营半年后将开展满意度评估，明年还将在另外3个社区推广这一模式。",
     ])
orig("zj-news", "s06", "浙江部署开发区（园区）整合提升三年行动", "https://zjnews.zjol.com.cn/zjnews/zjxw/202612/t20261211_31888410.shtml", T(11, 19, 0),
     "b2-s06-zhejiang-zone-consolidation", [
         "12月11日，浙江省召开全省开发区（园区）整合提升工作推进会，部署实施新一轮开发区（园区）整合提升三年行动。",
         "根据行动方案，到2029年，全省将打造10个以上营业收入超万亿元的高能级开发区，亩均税收较2026年提高20%以上。",
         "会议要求，各地要坚持“一个平台、一个主体、一套班子、多块牌子”的体制架构，推动园区从规模扩张向质量提升转变。",
     ])
orig("ks-daily", "s07", "昆山开发区冬季专场招聘会提供岗位4200余个", "https://www.ksrb.cn/news/2026-12/20/content_77894.html", T(20, 7, 0),
     "b2-s07-kunshan-job-fair", [
         "12月19日，昆山开发区2026年冬季专场招聘会在开发区人力资源市场举行，126家企业提供岗位4200余个。",
         "本次招聘会岗位涵盖普工、技术员、工程师、管理人员等，其中月薪8000元以上的岗位占三成左右。",
         "据统计，当天共有2800余名求职者进场，初步达成就业意向960人。开发区人力资源部门还在现场设立了政策咨询台和技能培训报名点。",
     ])
orig("sip-gov", "s08", "中新合作国际学术交流周在园区举行", "https://www.sipac.gov.cn/szgyyq/yqdt/202612/f5a4b3c2d1e06f98.shtml", T(7, 16, 0),
     "b2-s08-sip-academic-week", [
         "12月7日，第八届中新合作国际学术交流周在苏州工业园区开幕，来自中国和新加坡的40余所高校、科研机构的300余名学者参加。",
         "交流周为期5天，围绕城市治理、数字经济、绿色低碳等议题举办12场学术研讨活动。",
         "开幕式上，园区与新加坡3所高校签署了联合培养研究生合作备忘录，双方将在人工智能、公共管理等专业开展合作。",
     ])

# ================================================================ checks
ABOUT = ("Blind story set 2 for zonefeed: invented Chinese development-zone news, 1-20 Dec 2026. "
         "Written by a helper that had read neither the story detector nor the other story sets. "
         "Items with equal `group` are one story; every near_misses pair is two stories.")


def check():
    errs = []
    ids = [it["id"] for it in ITEMS]
    dup = [k for k, v in Counter(ids).items() if v > 1]
    if dup:
        errs.append(f"duplicate ids: {dup}")
    links = Counter(it["link"] for it in ITEMS)
    if any(v > 1 for v in links.values()):
        errs.append(f"duplicate links: {[k for k, v in links.items() if v > 1]}")
    byid = {it["id"]: it for it in ITEMS}
    groups = defaultdict(list)
    for it in ITEMS:
        groups[it["group"]].append(it)
        if not it["id"].startswith("b2:"):
            errs.append(f"id without prefix: {it['id']}")
        if it["source"] not in SOURCES:
            errs.append(f"unknown source {it['source']}")
        if it["region"] not in REGIONS:
            errs.append(f"unknown region {it['region']}")
        if it["zone"] is not None and it["zone"] not in ZONES:
            errs.append(f"unknown zone {it['zone']}")
        d = datetime.fromisoformat(it["published"])
        if not (datetime.fromisoformat("2026-12-01T00:00:00+08:00") <= d < datetime.fromisoformat("2026-12-21T00:00:00+08:00")):
            errs.append(f"date out of range: {it['id']}")
        if not it["published"].endswith("+08:00"):
            errs.append(f"not Beijing time: {it['id']}")
        if it["content"] is None and not it["summary"]:
            errs.append(f"no text: {it['id']}")
        if not it["edits"]:
            errs.append(f"no edits: {it['id']}")
        if it["edits"] == ["original"]:
            body = text_paras(it["content"])
            n = sum(len(p) for p in body)
            if not (3 <= len(body) <= 6 and 150 <= n <= 500):
                errs.append(f"original body shape {it['id']}: {len(body)} paras, {n} chars")
    for gname, its in groups.items():
        if len(its) < 1:
            errs.append(f"empty group {gname}")
        origs = [it for it in its if it["edits"] == ["original"]]
        if len(origs) != 1:
            errs.append(f"group {gname} has {len(origs)} originals")
            continue
        o = datetime.fromisoformat(origs[0]["published"])
        for it in its:
            dt = abs(datetime.fromisoformat(it["published"]) - o)
            if dt > timedelta(days=2):
                errs.append(f"copy too far from original: {it['id']}")
    near_ids = set()
    for a, b in NEAR:
        if a not in byid or b not in byid:
            errs.append(f"near miss references unknown id: {a}, {b}")
            continue
        if byid[a]["group"] == byid[b]["group"]:
            errs.append(f"near miss in one group: {a}, {b}")
        near_ids.update([a, b])
    repost = {g: its for g, its in groups.items() if len(its) >= 2}
    in_groups = sum(len(v) for v in repost.values())
    alone = [it for it in ITEMS if len(groups[it["group"]]) == 1 and it["id"] not in near_ids]
    # each copy technique at least twice
    edits = Counter(e for it in ITEMS for e in it["edits"] if e != "original")
    needed = ["join-paragraphs", "split-paragraph", "br-rebreak", "div-rebreak", "brief-first-paragraph",
              "brief-first-two-sentences", "summary-only", "wechat-short", "wechat-frame", "benbao-opening",
              "date-edited", "punctuation-reflow", "link-http", "link-no-www", "link-utm", "headline-number-led",
              "headline-rewritten"]
    for e in needed:
        if edits[e] < 2:
            errs.append(f"edit {e} used {edits[e]} times")
    # verbatim repost by three different zones
    vz = {it["zone"] for it in ITEMS if "verbatim-repost" in it["edits"]}
    if len(vz) < 3:
        errs.append("verbatim repost needs three zones")
    # bridge: brief and headless copy both before original
    for gname, its in groups.items():
        before = [it for it in its if "published-before-original" in it["edits"]]
        if any("missing-first-paragraph" in it["edits"] for it in its):
            o = [it for it in its if it["edits"] == ["original"]][0]
            if not all(it["published"] < o["published"] for it in before) or len(before) < 2:
                errs.append(f"bridge group {gname} malformed")
    counts = {"items": len(ITEMS), "sources": len(SOURCES), "groups": len(groups), "repost_groups": len(repost),
              "items_in_repost_groups": in_groups, "near_miss_pairs": len(NEAR), "items_in_near_misses": len(near_ids),
              "singletons": len(alone)}
    if counts["items"] < 90: errs.append("fewer than 90 items")
    if counts["repost_groups"] < 16: errs.append("fewer than 16 repost groups")
    if in_groups < 50: errs.append("fewer than 50 items in repost groups")
    if len(NEAR) < 14: errs.append("fewer than 14 near-miss pairs")
    if len(alone) < 5: errs.append("fewer than 5 singletons")
    return errs, counts, edits


def main():
    errs, counts, edits = check()
    data = {"about": ABOUT, "sources": SOURCES, "items": ITEMS, "near_misses": NEAR}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for k, v in counts.items():
        print(f"{k}: {v}")
    print("edits: " + ", ".join(f"{k}={v}" for k, v in sorted(edits.items())))
    print("zones: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(str(it['zone']) for it in ITEMS).items())))
    if errs:
        print("ERRORS:", *errs, sep="\n  ")
        sys.exit(1)
    print(f"ok -> {OUT}")


if __name__ == "__main__":
    main()
