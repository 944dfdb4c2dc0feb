#!/usr/bin/env python3
"""Writes tests/stories/blind.json: a second labelled set for story detection.

Written BLIND: the helper session that wrote this file had not read src/stories/,
tests/stories/build_labelled.py or the texts of labelled.json, so the labels here are
independent of the detector. Every text is invented for this set (events, companies,
people and numbers are made up), modelled on Chinese development-zone news and on how
city papers, zone sites, WeChat accounts and portals repost it.

Run from the repository root:  python3 tests/stories/build_blind.py

Layout of this file:
  * helpers that derive a copy from an original (join / split paragraphs, briefs,
    本报讯 openings, WeChat frames, reflowing, link variants);
  * the sources;
  * repost groups G01–G28 (an original and its copies; one add() call per item);
  * near-miss pairs NM01–NM24 (two items that must stay apart);
  * a few standalone items;
  * checks and output.

Two items are one story exactly when their `group` values are equal.
"""

import base64
import hashlib
import json
import os
import re
from collections import Counter, defaultdict

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind.json")

# ---------------------------------------------------------------------------
# sources
# ---------------------------------------------------------------------------

SOURCES = {
    # city papers
    "nt-daily": {"name": "南通日报", "region": "nantong", "zone": None},
    "sz-daily": {"name": "苏州日报", "region": "suzhou", "zone": None},
    "ks-daily": {"name": "昆山日报", "region": "kunshan", "zone": None},
    "wx-daily": {"name": "无锡日报", "region": "wuxi", "zone": None},
    "jy-daily": {"name": "江阴日报", "region": "jiangyin", "zone": None},
    "nj-daily": {"name": "南京日报", "region": "nanjing", "zone": None},
    "nb-daily": {"name": "宁波日报", "region": "ningbo", "zone": None},
    # city governments
    "nt-gov": {"name": "南通市人民政府", "region": "nantong", "zone": None},
    "sz-gov": {"name": "苏州市人民政府", "region": "suzhou", "zone": None},
    "wx-gov": {"name": "无锡市人民政府", "region": "wuxi", "zone": None},
    # zone management committees
    "nt-hitech": {"name": "南通高新技术产业开发区管委会", "region": "nantong", "zone": "nantong-hitech"},
    "nt-etdz": {"name": "南通经济技术开发区管委会", "region": "nantong", "zone": "nantong-etdz"},
    "sip-gov": {"name": "苏州工业园区管委会", "region": "suzhou", "zone": "suzhou-sip"},
    "ks-etdz": {"name": "昆山经济技术开发区管委会", "region": "kunshan", "zone": "kunshan-etdz"},
    "wx-hitech": {"name": "无锡高新区（新吴区）", "region": "wuxi", "zone": "wuxi-hitech"},
    "jy-hitech": {"name": "江阴高新区管委会", "region": "jiangyin", "zone": "jiangyin-hitech"},
    "nj-jiangbei": {"name": "南京江北新区管委会", "region": "nanjing", "zone": "nanjing-jiangbei"},
    "nb-etdz": {"name": "北仑区人民政府（宁波开发区管委会）", "region": "ningbo", "zone": "ningbo-etdz"},
    # WeChat-style public accounts of zones
    "sz-wechat": {"name": "苏州工业园区发布", "region": "suzhou", "zone": "suzhou-sip"},
    "nt-hitech-wechat": {"name": "南通高新区发布", "region": "nantong", "zone": "nantong-hitech"},
    "wx-wechat": {"name": "新吴发布", "region": "wuxi", "zone": "wuxi-hitech"},
    "nb-wechat": {"name": "北仑发布", "region": "ningbo", "zone": "ningbo-etdz"},
    # province departments
    "js-commerce": {"name": "江苏省商务厅", "region": "jiangsu", "zone": None},
    "js-drc": {"name": "江苏省发展和改革委员会", "region": "jiangsu", "zone": None},
    "zj-commerce": {"name": "浙江省商务厅", "region": "zhejiang", "zone": None},
    # portals / aggregators (province level)
    "jschina-portal": {"name": "中国江苏网", "region": "jiangsu", "zone": None},
    "jhd-portal": {"name": "交汇点", "region": "jiangsu", "zone": None},
    # an aggregator whose entries link to the article on its first site (link variants)
    "kfq-hub": {"name": "开发区之窗", "region": "jiangsu", "zone": None},
}

# where each source's own articles live ({ym} = 2026/10, {ymd} = 20261009)
LINK_PATTERNS = {
    "nt-daily": "https://www.ntrb.example.cn/html/{ym}/{slug}.htm",
    "sz-daily": "https://www.subaonet.example.cn/szrb/{ymd}/{slug}.html",
    "ks-daily": "https://www.ksrb.example.cn/news/{ym}/{slug}.html",
    "wx-daily": "https://www.wxrb.example.cn/epaper/{ymd}/{slug}.html",
    "jy-daily": "https://www.jyrb.example.cn/content/{ym}/{slug}.html",
    "nj-daily": "https://www.njdaily.example.cn/njrb/{ymd}/{slug}.html",
    "nb-daily": "https://daily.cnnb.example.cn/nbrb/{ymd}/{slug}.htm",
    "nt-gov": "https://www.nantong.example.gov.cn/ntsrmzf/{ym}/{slug}.html",
    "sz-gov": "https://www.suzhou.example.gov.cn/szsrmzf/{ym}/{slug}.shtml",
    "wx-gov": "https://www.wuxi.example.gov.cn/doc/{ym}/{slug}.shtml",
    "nt-hitech": "https://www.nthitech.example.cn/xwzx/{ym}/{slug}.html",
    "nt-etdz": "https://www.netda.example.cn/kfqxw/{ym}/{slug}.html",
    "sip-gov": "http://www.sipac.example.cn/sipnews/{ym}/{slug}.shtml",
    "ks-etdz": "https://www.ks-etdz.example.cn/news/{ym}/{slug}.html",
    "wx-hitech": "http://www.wnd.example.cn/xwzx/{ym}/{slug}.html",
    "jy-hitech": "https://www.jyhitech.example.cn/gqdt/{ym}/{slug}.html",
    "nj-jiangbei": "https://www.njna.example.gov.cn/xqdt/{ym}/{slug}.html",
    "nb-etdz": "https://www.bl.example.gov.cn/art/{ym}/{slug}.html",
    "js-commerce": "https://swt.jiangsu.example.gov.cn/art/{ym}/{slug}.html",
    "js-drc": "https://fzggw.jiangsu.example.gov.cn/art/{ym}/{slug}.html",
    "zj-commerce": "https://zcom.zj.example.gov.cn/art/{ym}/{slug}.html",
    "jschina-portal": "https://jsnews.jschina.example.cn/{ym}/{slug}.shtml",
    "jhd-portal": "https://www.xhby.example.cn/content/{ym}/{slug}.html",
}
WECHAT_SOURCES = {"sz-wechat", "nt-hitech-wechat", "wx-wechat", "nb-wechat"}

# zones and the names a text would use for them; the city (region) each zone is in
ZONE_NAMES = {
    "nantong-hitech": ["南通高新技术产业开发区", "南通高新区"],
    "nantong-etdz": ["南通经济技术开发区", "南通开发区", "南通经开区"],
    "suzhou-sip": ["苏州工业园区", "苏州园区"],
    "kunshan-etdz": ["昆山经济技术开发区", "昆山开发区"],
    "wuxi-hitech": ["无锡高新技术产业开发区", "无锡高新区", "新吴区"],
    "jiangyin-hitech": ["江阴高新技术产业开发区", "江阴高新区"],
    "nanjing-jiangbei": ["南京江北新区", "江北新区"],
    "ningbo-etdz": ["宁波经济技术开发区", "宁波开发区", "北仑"],
}
ZONE_REGION = {
    "nantong-hitech": "nantong", "nantong-etdz": "nantong", "suzhou-sip": "suzhou",
    "kunshan-etdz": "kunshan", "wuxi-hitech": "wuxi", "jiangyin-hitech": "jiangyin",
    "nanjing-jiangbei": "nanjing", "ningbo-etdz": "ningbo",
}
REGION_PARENT = {"kunshan": "suzhou", "jiangyin": "wuxi", "nantong": "jiangsu", "suzhou": "jiangsu",
                 "wuxi": "jiangsu", "nanjing": "jiangsu", "ningbo": "zhejiang"}

# ---------------------------------------------------------------------------
# text helpers: an original is a list of paragraph strings; copies derive from it
# ---------------------------------------------------------------------------


def T(md_hm):
    """'10-09 10:00' -> '2026-10-09T10:00:00+08:00' (Beijing time)."""
    md, hm = md_hm.split()
    return f"2026-{md}T{hm}:00+08:00"


def sentences(text):
    """Split a paragraph into sentences ending in 。！？ (closing quotes stay with them)."""
    out, cur, i = [], "", 0
    while i < len(text):
        cur += text[i]
        if text[i] in "。！？":
            while i + 1 < len(text) and text[i + 1] in "”’」":
                i += 1
                cur += text[i]
            out.append(cur)
            cur = ""
        i += 1
    if cur.strip():
        out.append(cur)
    return out


def html(paras):
    return "".join(f"<p>{p}</p>" for p in paras)


def joined(paras, i):
    """Paragraphs i and i+1 merged into one."""
    assert i + 1 < len(paras)
    return paras[:i] + [paras[i] + paras[i + 1]] + paras[i + 2:]


def split(paras, i, after=1):
    """Paragraph i split after its `after`-th sentence."""
    s = sentences(paras[i])
    assert 0 < after < len(s), (paras[i], after)
    return paras[:i] + ["".join(s[:after]), "".join(s[after:])] + paras[i + 1:]


def first_para(paras):
    return paras[:1]


def first_sentences(paras, n=2):
    """The first n sentences, keeping the paragraph they came from."""
    out = []
    for p in paras:
        take = sentences(p)[:n - sum(len(sentences(q)) for q in out)]
        if not take:
            break
        out.append("".join(take))
    return out


def plain(paras):
    return "".join(paras)


def benbao(paras, reporter, correspondent=None):
    who = f"记者 {reporter}" + (f" 通讯员 {correspondent}" if correspondent else "")
    return [f"本报讯（{who}）" + paras[0]] + paras[1:]


def edit_first(paras, old, new):
    assert paras[0].startswith(old), (paras[0][:30], old)
    return [new + paras[0][len(old):]] + paras[1:]


def drop_first(paras):
    return paras[1:]


def sub_all(text, subs):
    for a, b in subs:
        assert a in text, (a, text[:40])
        text = text.replace(a, b)
    return text


def reflow(paras, breaks, subs=(), style="p"):
    """The same text re-broken: `breaks` = sentences per new block; some punctuation
    swapped (`subs`); blocks as <p> ("p"), one <p> with <br><br> ("br"), or a <div> with
    <br> lines ("div")."""
    sents = [s for p in paras for s in sentences(p)]
    assert sum(breaks) == len(sents), (sum(breaks), len(sents))
    assert [len(sentences(p)) for p in paras] != list(breaks) or style != "p"
    blocks, i = [], 0
    for b in breaks:
        blocks.append("".join(sents[i:i + b]))
        i += b
    text = sub_all("\n".join(blocks), subs)
    blocks = text.split("\n")
    if style == "p":
        return "".join(f"<p>{b}</p>" for b in blocks)
    if style == "br":
        return "<p>" + "<br><br>".join(blocks) + "</p>"
    if style == "div":
        return "<div>" + "<br>".join(blocks) + "</div>"
    raise ValueError(style)


def img(src, alt=""):
    return f'<p><img src="{src}" alt="{alt}"></p>'


def captions(lead, photos):
    """A short version: lead paragraph(s) and photos, each with a 图为… caption."""
    out = html(lead)
    for src, cap in photos:
        out += img(src, cap) + f"<p>{cap}</p>"
    return out


def wechat(body_html, source, editor, reviewer, hook="📢", tail="👇更多精彩，点击“阅读原文”"):
    """A WeChat-style frame around a body."""
    return (
        "<p>点击蓝字 关注我们</p>"
        f"<p>{hook}{hook}{hook}</p>"
        + body_html
        + f"<p>{tail}</p>"
        f"<p>来源：{source}</p><p>编辑：{editor}</p><p>审核：{reviewer}</p>"
        "<p>觉得不错，请点个“在看”</p>"
    )


def https_of(url):
    assert url.startswith("http://")
    return "https://" + url[len("http://"):]


def no_www(url):
    assert "://www." in url
    return url.replace("://www.", "://", 1)


def utm(url):
    return url + "?utm_source=wechat&utm_medium=social"


# ---------------------------------------------------------------------------
# items
# ---------------------------------------------------------------------------

ITEMS = []
NEAR_MISSES = []
AUTO = object()


def link_for(source, published, slug, item_id):
    if source in WECHAT_SOURCES:
        token = base64.urlsafe_b64encode(hashlib.md5(item_id.encode()).digest()).decode()[:22]
        return f"https://mp.weixin.qq.com/s/{token}"
    pat = LINK_PATTERNS[source]
    return pat.format(ym=published[:7].replace("-", "/"), ymd=published[:10].replace("-", ""), slug=slug)


def zone_of(source, title, content, summary):
    """Where the source would place the item: a zone site in its zone, a province site in
    none, a city site in a zone of its city only when the text names that zone."""
    s = SOURCES[source]
    if s["zone"]:
        return s["zone"]
    if s["region"] in ("jiangsu", "zhejiang"):
        return None
    text = title + (content or "") + (summary or "")
    found = []
    for z, names in ZONE_NAMES.items():
        zr = ZONE_REGION[z]
        if zr != s["region"] and REGION_PARENT.get(zr) != s["region"]:
            continue
        if any(n in text for n in names):
            found.append(z)
    assert len(found) <= 1, (source, title, found)
    return found[0] if found else None


def add(source, key, title, published, content=None, summary=None, *, group, edits,
        link=None, slug=None, zone=AUTO):
    item_id = f"{source}:{key}"
    if link is None:
        link = link_for(source, published, slug or key, item_id)
    if zone is AUTO:
        zone = zone_of(source, title, content, summary)
    item = {
        "source": source,
        "id": item_id,
        "title": title,
        "link": link,
        "published": published,
        "summary": summary,
        "content": content,
        "region": SOURCES[source]["region"],
        "zone": zone,
        "group": group,
        "edits": list(edits),
    }
    ITEMS.append(item)
    return item


def near_miss(a, b):
    NEAR_MISSES.append([a["id"], b["id"]])


# ===========================================================================
# REPOST GROUPS
# ===========================================================================

# ---- G01 南通高新区 3 projects signed. Tests: 本报讯 opening + number-led headline on the
# city paper; two paragraphs joined on a portal; a first-paragraph-only brief on the city
# government site (that brief arrives before the other copies).
g = "g01-nthitech-q3-signing"
G01 = [
    "10月9日上午，南通高新区举行2026年三季度重大项目集中签约活动，新型储能电池系统、高端医疗器械、智能网联汽车零部件等3个项目现场签约，计划总投资45亿元。",
    "此次签约的新型储能电池系统项目由国内一家头部储能企业投资建设，计划总投资28亿元，建成后可形成年产8GWh储能电池系统的生产能力；高端医疗器械项目主要生产一次性微创手术器械和体外诊断设备，计划总投资9亿元；智能网联汽车零部件项目计划总投资8亿元，主要研发生产车载域控制器和毫米波雷达。",
    "南通高新区党工委主要负责人表示，今年以来高新区紧扣新能源、生物医药和汽车零部件三大主导产业开展链式招商，前三季度已累计签约亿元以上项目27个。高新区将组建专班跟踪服务，推动签约项目早开工、早投产、早见效。",
    "签约企业代表表示，看中高新区完善的产业配套和高效的政务服务，将加快项目前期工作，力争年内开工建设。",
]
add("nt-hitech", "2026-10-09-q3-signing", "南通高新区举行三季度重大项目集中签约活动", T("10-09 10:00"),
    html(G01), group=g, edits=["original"])
add("nt-gov", "2026-10-09-nthitech-signing", "南通高新区3个重大项目集中签约", T("10-09 16:40"),
    html(first_para(G01)), group=g, edits=["brief-first-paragraph"])
add("nt-daily", "2026-10-10-a02-nthitech-signing", "3个项目集中签约！南通高新区三季度签约项目总投资45亿元", T("10-10 07:30"),
    html(benbao(G01, "陈晓雯", "顾海峰")), group=g, edits=["benbao-opening", "number-led-headline"])
add("jschina-portal", "2026-10-10-nt-signing", "南通高新区举行三季度重大项目集中签约活动", T("10-10 11:20"),
    html(joined(G01, 1) + ["来源：南通高新区管委会"]), group=g, edits=["joined-paragraphs", "source-note"])

# ---- G02 生物医药大会开幕 in 苏州工业园区. Tests: the WeChat short version (first two
# sentences + photo captions under a "今天，…开幕！" headline); 本报讯 + a split paragraph
# on the city paper; the same title over reflowed text on a portal.
g = "g02-sip-biomed-conference"
G02 = [
    "10月15日，第十四届苏州生物医药产业创新大会在苏州工业园区金鸡湖国际会议中心开幕。本届大会以“创新驱动·链接全球”为主题，吸引了来自22个国家和地区的600余家企业、1.2万名专业观众参会。",
    "开幕式上，园区发布了《苏州工业园区生物医药产业高质量发展三年行动计划（2027—2029年）》，提出到2029年园区生物医药产业规模突破3000亿元，培育10家以上百亿级龙头企业。",
    "大会期间，园区集中签约了21个生物医药项目，涵盖创新药研发、高端医疗器械、合成生物等领域，总投资约86亿元。其中，外资项目9个，合同外资4.3亿美元。",
    "本届大会为期三天，设置1场主论坛、12场专题论坛和2万平方米展区。大会首次设立“临床试验服务专区”，为创新企业与医疗机构搭建对接平台。",
]
add("sip-gov", "2026-10-15-biomed-conference", "第十四届苏州生物医药产业创新大会在苏州工业园区开幕", T("10-15 09:30"),
    html(G02), group=g, edits=["original"])
add("sz-wechat", "2026-10-15-biomed-today", "今天，第十四届苏州生物医药产业创新大会开幕！", T("10-15 12:10"),
    wechat(captions(first_sentences(G02, 2), [
        ("https://mmbiz.qpic.example.cn/sz/biomed-1.jpg", "图为大会开幕式现场。"),
        ("https://mmbiz.qpic.example.cn/sz/biomed-2.jpg", "图为参展企业展示自主研发的手术机器人。"),
        ("https://mmbiz.qpic.example.cn/sz/biomed-3.jpg", "图为专业观众在展区参观交流。"),
    ]), "苏州工业园区管委会", "顾佳琪", "陶然", hook="🔥"),
    group=g, edits=["photo-captions", "wechat-frame"])
add("jhd-portal", "2026-10-15-sz-biomed", "第十四届苏州生物医药产业创新大会在苏州工业园区开幕", T("10-15 17:45"),
    reflow(G02, [1, 2, 1, 3], subs=[("“", '"'), ("”", '"')], style="br"),
    group=g, edits=["same-title-reflowed"])
add("sz-daily", "2026-10-16-a01-biomed", "第十四届苏州生物医药产业创新大会开幕", T("10-16 07:00"),
    html(split(benbao(G02, "吴雨桐", "钱俊"), 2, 1)), group=g, edits=["benbao-opening", "split-paragraphs"])

# ---- G03 昆山开发区 signs a German hydraulics project. Tests: 10月12日 → 日前 on the city
# paper; an excerpt-only copy (first two sentences as summary) under a new headline on a
# province department site.
g = "g03-ks-german-hydraulics"
G03 = [
    "10月12日，昆山开发区与德国一家百年液压企业签署投资协议，双方将合作建设高端液压部件研发制造基地。项目总投资1.5亿美元，主要生产工程机械用高压柱塞泵和电液比例阀。该项目是今年昆山开发区引进的单体投资规模最大的德资制造业项目。",
    "根据协议，项目选址开发区南部精密机械产业园，用地约120亩，分两期建设，一期计划于2027年二季度投产，全部达产后预计年销售收入超20亿元。",
    "据介绍，该企业自2009年进入中国市场，此前已在昆山设立销售公司和维修服务中心。企业亚太区负责人表示，选择昆山开发区建设新基地，看中的是长三角完整的工程机械产业链和便捷的物流条件。",
    "今年以来，昆山开发区围绕装备制造、电子信息等产业开展精准招商，1—9月新批外资项目46个，实际使用外资5.2亿美元，同比增长12.6%。",
]
add("ks-etdz", "2026-10-12-german-hydraulics", "昆山开发区签约德资高端液压部件项目", T("10-12 15:00"),
    html(G03), group=g, edits=["original"])
add("ks-daily", "2026-10-13-hydraulics", "昆山开发区签约德资高端液压部件项目", T("10-13 08:00"),
    html(edit_first(G03, "10月12日，", "日前，")), group=g, edits=["edited-first-sentence"])
add("js-commerce", "2026-10-14-ks-german", "昆山开发区新引进一德资高端装备制造项目", T("10-14 10:00"),
    None, plain(first_sentences(G03, 2)), group=g, edits=["brief-two-sentences", "excerpt-only"])

# ---- G04 12-inch wafer project starts in 无锡高新区. Tests: a number-led headline over
# a text with two paragraphs joined; an aggregator entry whose link is the original's
# with https instead of http, excerpt only.
g = "g04-wx-wafer-start"
G04 = [
    "10月20日上午，12英寸特色工艺晶圆制造项目在无锡高新区开工建设。项目总投资20亿元，由一家国内功率半导体企业投资建设，主要生产车规级IGBT和碳化硅功率器件芯片。",
    "项目位于新吴区集成电路产业园，规划用地约150亩，新建洁净厂房、动力厂房及配套设施约12万平方米，计划2028年一季度实现首批产品通线，达产后可形成月产3万片晶圆的生产能力。",
    "近年来，无锡高新区持续推动集成电路产业“强链补链”，已集聚设计、制造、封测及装备材料企业400余家，2025年产业规模超过2200亿元。",
    "无锡高新区相关负责人表示，将为项目建设提供全周期“店小二”式服务，协调解决用电、用水、人才等要素保障问题，确保项目按期建成。",
]
o = add("wx-hitech", "2026-10-20-wafer-start", "无锡高新区12英寸特色工艺晶圆项目开工", T("10-20 10:00"),
        html(G04), group=g, edits=["original"])
add("kfq-hub", "wx-20261020-0158", "无锡高新区12英寸特色工艺晶圆项目开工", T("10-20 14:30"),
    None, "10月20日上午，12英寸特色工艺晶圆制造项目在无锡高新区开工建设。项目总投资20亿元……",
    link=https_of(o["link"]), group=g, edits=["link-variant", "excerpt-only"])
add("wx-daily", "2026-10-21-wafer", "总投资20亿元！12英寸特色工艺晶圆项目在新吴区开工", T("10-21 07:00"),
    html(joined(G04, 2)), group=g, edits=["number-led-headline", "joined-paragraphs"])

# ---- G05 南通开发区 investment promotion in 深圳. Tests: 10月21日 → 近日 on the city
# paper; a split paragraph under a rewritten headline on a portal.
g = "g05-ntetdz-shenzhen-promo"
G05 = [
    "10月21日，南通开发区在深圳举办2026先进制造业（深圳）招商推介会，来自电子信息、新能源、智能装备等领域的120余家企业代表参加活动。",
    "推介会上，南通开发区从区位交通、产业基础、创新平台和营商环境等方面作了全面推介，重点介绍了开发区“一区三园”的产业布局以及沪苏通一体化带来的发展机遇。",
    "活动现场，6个项目集中签约，总投资约32亿元，涉及消费电子精密结构件、储能变流器、工业机器人减速器等领域。另有十余家企业表达了赴南通开发区考察的意向。",
    "推介会前，开发区招商团队先后走访了深圳8家重点企业，就项目落地、产能布局和人才引进等事宜进行深入交流。",
]
add("nt-etdz", "2026-10-22-shenzhen-promo", "南通开发区赴深圳举办先进制造业招商推介会", T("10-22 16:00"),
    html(G05), group=g, edits=["original"])
add("nt-daily", "2026-10-23-a03-etdz-shenzhen", "南通开发区赴深圳举办先进制造业招商推介会", T("10-23 07:30"),
    html(edit_first(G05, "10月21日，", "近日，")), group=g, edits=["edited-first-sentence"])
add("jhd-portal", "2026-10-23-nt-shenzhen", "南通开发区深圳招商：6个项目现场签约", T("10-23 10:00"),
    html(split(G05, 2, 1)), group=g, edits=["split-paragraphs", "rewritten-headline"])

# ---- G06 金鸡湖 talent programme opens for applications. Tests: the WeChat frame around
# the full text under a new headline; a first-paragraph brief (three sentences) on the
# city paper.
g = "g06-sip-talent-call"
G06 = [
    "10月26日，苏州工业园区发布通知，2026年度金鸡湖科技领军人才项目申报工作正式启动。申报截止时间为11月30日。本年度计划遴选创业类、创新类领军人才项目不少于150个。",
    "此次申报重点面向新一代信息技术、生物医药、纳米技术应用、人工智能等园区重点产业，对入选的创业领军人才项目，给予最高500万元项目资助、最高1000万元股权投资以及3年免租办公用房支持。",
    "与往年相比，今年新增“青年科技人才”专项，面向35周岁以下的博士和海外归国人才，给予最高100万元资助。",
    "符合条件的申报人可登录园区人才综合服务平台在线填报，详细申报条件及流程可咨询园区科技创新委员会。",
]
add("sip-gov", "2026-10-26-talent-call", "2026年度苏州工业园区金鸡湖科技领军人才项目开始申报", T("10-26 10:00"),
    html(G06), group=g, edits=["original"])
add("sz-wechat", "2026-10-26-talent", "📢金鸡湖科技领军人才项目开始申报！最高资助500万元", T("10-26 18:00"),
    wechat(html(G06), "苏州工业园区科技创新委员会", "沈悦", "陶然"),
    group=g, edits=["wechat-frame", "rewritten-headline"])
add("sz-daily", "2026-10-27-a04-talent", "园区金鸡湖科技领军人才项目启动申报", T("10-27 07:00"),
    html(first_para(G06)), group=g, edits=["brief-first-paragraph"])

# ---- G07 北仑（宁波开发区） 18 projects start. Tests: 本报讯 + joined paragraphs on the
# city paper; an aggregator entry linking to the original with utm parameters, full text
# under a 【宁波】 label; an excerpt-only two-sentence brief that crosses a paragraph
# boundary (the first paragraph is one sentence) on a province department site.
g = "g07-nb-q4-starts"
G07 = [
    "10月28日，北仑区（宁波开发区）举行2026年四季度重大项目集中开工活动，共有18个项目集中开工，总投资约156亿元，涵盖先进制造、港航物流、城市基础设施等领域。",
    "主会场设在春晓街道的高端汽车模具产业园项目现场。该项目总投资26亿元，建成后将形成年产大型汽车覆盖件模具1200套的能力，进一步补齐区内汽车产业链的关键环节。",
    "此次开工的项目中，产业类项目12个、总投资118亿元，包括集成电路材料、新型储能装备、智能家电等；基础设施和民生类项目6个，包括梅山港区集装箱堆场扩建工程、区域医疗中心二期等。",
    "今年以来，北仑区（宁波开发区）已组织4批次重大项目集中开工，累计开工项目76个，总投资超过600亿元。",
]
o = add("nb-etdz", "2026-10-28-q4-starts", "北仑区（宁波开发区）四季度重大项目集中开工", T("10-28 11:00"),
        html(G07), group=g, edits=["original"])
add("kfq-hub", "nb-20261028-0311", "【宁波】北仑区（宁波开发区）四季度重大项目集中开工", T("10-28 15:00"),
    html(G07), link=utm(o["link"]), group=g, edits=["link-variant", "label-prefix"])
add("nb-daily", "2026-10-29-a01-beilun-starts", "北仑18个重大项目集中开工", T("10-29 07:00"),
    html(joined(benbao(G07, "王海燕", "邬科"), 0)), group=g, edits=["benbao-opening", "joined-paragraphs"])
add("zj-commerce", "2026-10-29-nb-starts", "宁波开发区18个重大项目集中开工", T("10-29 15:00"),
    None, plain(first_sentences(G07, 2)), group=g, edits=["brief-two-sentences", "excerpt-only"])

# ---- G08 江阴高新区 sets up a 50亿元 fund. Tests: 11月3日 → 日前 on the county paper; a
# two-sentence brief as content on the city paper; a number-led headline on a portal.
g = "g08-jy-industry-fund"
G08 = [
    "11月3日，江阴高新区产业发展基金签约仪式举行。基金总规模50亿元，首期规模15亿元，由江阴高新区国有资本投资公司联合多家社会资本共同发起设立。基金将重点投向高端装备、新材料、集成电路和生物医药等领域。",
    "根据方案，基金采取“母基金+直投”模式运作，其中母基金部分将与专业投资机构合作设立若干子基金，直投部分重点支持区内拟上市企业和重大招商项目落地。",
    "江阴高新区相关负责人表示，产业基金将发挥“以投促招”作用，通过资本纽带吸引优质项目向高新区集聚，力争到2028年带动社会资本投入超过150亿元。",
    "当天，首批3家子基金管理机构与高新区签订合作备忘录。",
]
add("jy-hitech", "2026-11-03-industry-fund", "江阴高新区设立50亿元产业发展基金", T("11-03 10:00"),
    html(G08), group=g, edits=["original"])
add("jy-daily", "2026-11-04-fund", "江阴高新区设立50亿元产业发展基金", T("11-04 07:00"),
    html(edit_first(G08, "11月3日，", "日前，")), group=g, edits=["edited-first-sentence"])
add("wx-daily", "2026-11-04-jy-fund", "江阴高新区设立产业发展基金", T("11-04 08:00"),
    html(first_sentences(G08, 2)), group=g, edits=["brief-two-sentences"])
add("jschina-portal", "2026-11-04-jy-fund", "规模50亿元！江阴高新区产业发展基金落地", T("11-04 16:00"),
    html(G08), group=g, edits=["number-led-headline"])

# ---- G09 江北新区 chip-design policy. Tests: the same title over reflowed text (《》 and
# ； changed, paragraphs re-broken) on the city paper; a split paragraph under a rewritten
# headline on a portal.
g = "g09-njjb-chip-policy"
G09 = [
    "11月5日，南京江北新区管委会印发《南京江北新区关于支持集成电路设计产业高质量发展的若干政策》，从企业落户、研发投入、流片补贴、人才引育等方面提出16条支持措施。",
    "政策明确，对新落户的集成电路设计企业，按照实缴注册资本给予最高500万元落户奖励；对企业开展多项目晶圆（MPW）流片的，按照实际费用的50%给予补贴，单个企业每年最高300万元。",
    "在人才方面，对企业引进的高端芯片设计人才，给予最高200万元安家补贴，并在子女入学、医疗保障等方面提供便利。",
    "江北新区现有集成电路企业600余家，其中设计企业超过300家。新区相关负责人表示，新政策的出台将进一步降低设计企业研发成本，推动“芯片之城”建设迈上新台阶。",
    "该政策自2026年12月1日起施行，有效期三年。",
]
add("nj-jiangbei", "2026-11-05-chip-policy", "南京江北新区出台支持集成电路设计产业发展若干政策", T("11-05 10:00"),
    html(G09), group=g, edits=["original"])
add("jhd-portal", "2026-11-05-njjb-chip", "南京江北新区出台16条新政支持芯片设计", T("11-05 18:00"),
    html(split(G09, 3, 1)), group=g, edits=["split-paragraphs", "rewritten-headline"])
add("nj-daily", "2026-11-06-a02-chip-policy", "南京江北新区出台支持集成电路设计产业发展若干政策", T("11-06 07:00"),
    reflow(G09, [1, 2, 1, 2], subs=[("《", "“"), ("》", "”"), ("；", "。")]),
    group=g, edits=["same-title-reflowed"])

# ---- G10 Singapore firm adds capital in 苏州工业园区. Tests: the zone site re-issues the
# same article at https://sipac… (https, no www.) under a new id; the city government
# copy joins two paragraphs.
g = "g10-sip-singapore-capital"
G10 = [
    "11月9日，新加坡一家半导体材料企业与苏州工业园区签署增资协议，将追加投资2.8亿美元扩建其在园区的高纯电子化学品生产基地。这是该企业进入园区18年来的第四次增资。",
    "扩建项目将新建电子级硫酸、电子级氢氟酸等生产线，达产后年产能将提升至12万吨，主要供应长三角地区的晶圆制造企业。",
    "今年是中新合作苏州工业园区开发建设32周年。截至目前，园区累计吸引新加坡企业投资项目400余个，1—10月园区新增外资项目中增资项目占比超过四成。",
    "园区相关负责人表示，外资企业持续增资是对园区营商环境的认可，园区将继续做好外资企业服务，推动更多“老朋友”在园区扩大投资。",
]
o = add("sip-gov", "2026-11-09-singapore-capital", "新加坡企业增资扩建苏州工业园区半导体材料基地", T("11-09 10:00"),
        html(G10), group=g, edits=["original"])
add("sz-gov", "2026-11-09-sip-capital", "新加坡企业增资扩建苏州工业园区半导体材料基地", T("11-09 17:00"),
    html(joined(G10, 1)), group=g, edits=["joined-paragraphs"])
add("sip-gov", "2026-11-09-singapore-capital-https", "新加坡企业增资扩建苏州工业园区半导体材料基地", T("11-10 09:00"),
    html(G10), link=no_www(https_of(o["link"])), group=g, edits=["link-variant", "same-source-reissue"])

# ---- G11 南通高新区 public computing centre opens. Tests: a two-sentence brief as
# content on the city government site; the WeChat frame with an emoji headline.
g = "g11-nthitech-computing-centre"
G11 = [
    "11月12日，南通高新区公共算力中心正式投入运营。该中心一期建成算力规模500PFlops，可为区内企业提供模型训练、工业仿真、智能检测等算力服务。首批已有28家企业签约入驻使用。",
    "算力中心由南通高新区管委会与国内一家云计算企业合作建设，位于高新区数字经济产业园内，二期工程计划于2027年底建成，届时总算力规模将达到1500PFlops。",
    "为降低中小企业用算成本，高新区同步推出“算力券”政策，对区内企业使用公共算力中心服务的，按照实际费用的30%给予补贴，单家企业每年最高50万元。",
    "高新区相关负责人介绍，算力中心将重点服务智能制造、生物医药研发等应用场景，推动人工智能技术与区内主导产业深度融合。",
]
add("nt-hitech", "2026-11-12-computing-centre", "南通高新区公共算力中心正式投运", T("11-12 10:30"),
    html(G11), group=g, edits=["original"])
add("nt-gov", "2026-11-12-nthitech-computing", "南通高新区公共算力中心投运", T("11-12 17:00"),
    html(first_sentences(G11, 2)), group=g, edits=["brief-two-sentences"])
add("nt-hitech-wechat", "2026-11-12-computing", "🔥南通高新区公共算力中心来了！首批28家企业签约使用", T("11-12 20:00"),
    wechat(html(G11), "南通高新区管委会", "张沁", "曹建", hook="🔥"),
    group=g, edits=["wechat-frame", "rewritten-headline"])

# ---- G12 昆山开发区 e-drive plant starts production. Tests: a split first paragraph on
# the county paper; a first-paragraph brief on the city paper (Kunshan is under Suzhou).
g = "g12-ks-edrive-production"
G12 = [
    "11月2日，位于昆山开发区的新能源汽车电驱动系统项目竣工投产。项目总投资18亿元，建筑面积约16万平方米，建成12条电驱动总成自动化生产线。",
    "项目达产后，预计可年产电驱动系统120万套，年产值约60亿元，产品将配套国内多家主流新能源整车企业。",
    "该项目从签约到投产仅用时14个月。建设期间，昆山开发区推行“拿地即开工”“竣工即投产”审批模式，为企业节省了约4个月的建设周期。",
    "目前，昆山开发区已集聚新能源汽车核心零部件企业60余家，初步形成电池、电机、电控及热管理系统的完整产业链条。",
]
add("ks-etdz", "2026-11-02-edrive-production", "昆山开发区新能源汽车电驱系统项目竣工投产", T("11-02 14:00"),
    html(G12), group=g, edits=["original"])
add("ks-daily", "2026-11-03-edrive", "昆山开发区新能源汽车电驱系统项目竣工投产", T("11-03 07:00"),
    html(split(G12, 0, 1)), group=g, edits=["split-paragraphs"])
add("sz-daily", "2026-11-03-a05-ks-edrive", "昆山开发区电驱系统项目投产", T("11-03 08:00"),
    html(first_para(G12)), group=g, edits=["brief-first-paragraph"])

# ---- G13 物联网博览会 opens in 无锡高新区. Tests: the second WeChat short version
# (two sentences + captions, "今天，…开幕！"); 本报讯 on the city paper; reflowed text with
# （）→() and <br> breaks on a portal.
g = "g13-wx-iot-expo"
G13 = [
    "11月16日，第十届中国（无锡）国际物联网博览会在无锡高新区太湖国际博览中心开幕。本届博览会展览面积5.5万平方米，有来自16个国家和地区的680家企业参展。",
    "博览会以“万物智联·数实融合”为主题，设置车联网、工业互联网、智慧城市、传感器与芯片等8大展区，集中展示物联网领域的最新技术、产品和解决方案。",
    "开幕当天，无锡高新区举行物联网产业项目签约仪式，15个项目现场签约，总投资72亿元。同时，《无锡高新区物联网产业发展白皮书（2026）》正式发布。",
    "本届博览会为期4天，期间还将举办20余场专业论坛和供需对接活动。",
]
add("wx-hitech", "2026-11-16-iot-expo", "第十届中国（无锡）国际物联网博览会在无锡高新区开幕", T("11-16 10:00"),
    html(G13), group=g, edits=["original"])
add("wx-wechat", "2026-11-16-iot-today", "今天，第十届中国（无锡）国际物联网博览会开幕！", T("11-16 11:30"),
    wechat(captions(first_sentences(G13, 2), [
        ("https://mmbiz.qpic.example.cn/wx/iot-1.jpg", "图为博览会开幕式现场。"),
        ("https://mmbiz.qpic.example.cn/wx/iot-2.jpg", "图为观众在车联网展区体验自动驾驶座舱。"),
    ]), "新吴区融媒体中心", "华婷", "钱一鸣", hook="📢"),
    group=g, edits=["photo-captions", "wechat-frame"])
add("jschina-portal", "2026-11-16-wx-iot", "第十届中国（无锡）国际物联网博览会在无锡高新区开幕", T("11-16 15:00"),
    reflow(G13, [1, 1, 3, 1], subs=[("（", "("), ("）", ")")], style="br"),
    group=g, edits=["same-title-reflowed"])
add("wx-daily", "2026-11-17-a01-iot", "第十届物联网博览会在锡开幕", T("11-17 07:00"),
    html(benbao(G13, "周立", "华蕾")), group=g, edits=["benbao-opening"])

# ---- G14 南通开发区 innovative-drug plant starts production. Tests: a number-led
# headline on the city paper; two paragraphs joined on a portal.
g = "g14-ntetdz-drug-plant"
G14 = [
    "11月18日，位于南通开发区的创新药生产基地正式建成投产。该项目由一家科创板上市医药企业投资建设，总投资30亿元，主要生产抗肿瘤小分子创新药及制剂产品。",
    "基地占地约200亩，建有原料药车间、口服固体制剂车间和质量检测中心，全部生产线均按照中国、美国和欧盟药品生产质量管理规范设计建造。全面达产后，预计年产值可达30亿元。",
    "近年来，南通开发区围绕生物医药产业持续发力，已集聚医药企业120余家，形成原料药、制剂、医疗器械协同发展的产业格局。2025年，开发区生物医药产业实现产值超400亿元。",
    "企业负责人表示，南通基地将成为公司最大的生产基地，未来还将在开发区布局研发中心。",
]
add("nt-etdz", "2026-11-18-drug-plant", "南通开发区创新药生产基地建成投产", T("11-18 11:00"),
    html(G14), group=g, edits=["original"])
add("nt-daily", "2026-11-19-a01-drug-plant", "年产值30亿元！南通开发区创新药生产基地投产", T("11-19 07:00"),
    html(G14), group=g, edits=["number-led-headline"])
add("jschina-portal", "2026-11-19-nt-drug", "南通开发区创新药生产基地建成投产", T("11-19 10:30"),
    html(joined(G14, 0)), group=g, edits=["joined-paragraphs"])

# ---- G15 one province policy text, reposted verbatim by three zone sites in three
# DIFFERENT zones (南通高新区, 苏州工业园区, 无锡高新区). One story whose items have
# different zones; the province original has none.
g = "g15-js-policy-doc"
G15 = [
    "为深入贯彻落实国家关于推进开发区高质量发展的决策部署，进一步发挥开发区稳外资稳外贸、推动产业转型升级的主阵地作用，现提出以下措施。",
    "一、提升产业集聚水平。支持开发区围绕主导产业开展链式招商，每个国家级开发区重点培育1—2个千亿级特色产业集群。对新认定的省级特色创新（产业）示范园区，省级财政给予一次性奖励。",
    "二、加大外资招引力度。鼓励开发区设立境外招商联络点，对年度实际使用外资增幅居全省前列的开发区，在用地指标、项目审批等方面予以倾斜支持。",
    "三、强化要素保障。优先保障开发区重大产业项目用地需求，推行工业用地“标准地”出让，新增工业用地原则上按照“标准地”方式供应。",
    "四、完善考核评价。开展年度开发区综合发展水平考核评价，对排名靠前的开发区给予通报表扬，对连续两年排名靠后的开发区予以约谈。",
    "本措施自印发之日起施行，由省商务厅会同有关部门负责解释。",
]
G15_TITLE = "江苏省关于推动开发区高质量发展的若干措施"
add("js-commerce", "2026-10-19-kfq-measures", G15_TITLE, T("10-19 10:00"),
    html(G15), group=g, edits=["original"])
add("nt-hitech", "2026-10-20-province-measures", G15_TITLE, T("10-20 09:00"),
    html(G15), group=g, edits=["same-document"])
add("sip-gov", "2026-10-20-province-measures", G15_TITLE, T("10-20 15:00"),
    html(G15), group=g, edits=["same-document"])
add("wx-hitech", "2026-10-21-province-measures", G15_TITLE, T("10-21 10:00"),
    html(G15), group=g, edits=["same-document"])

# ---- G16 a second document reposted verbatim by three zone sites in different zones
# (昆山开发区, 江阴高新区, 南京江北新区): a province notice with a salutation line.
g = "g16-jsdrc-notice-doc"
G16 = [
    "各设区市发展改革委，各国家级、省级开发区管委会：",
    "为做好2027年度省级重大产业项目谋划储备工作，充分发挥重大项目对稳增长、调结构的支撑作用，现就组织申报有关事项通知如下。",
    "一、申报范围。申报项目应符合国家和我省产业政策，重点围绕先进制造业集群、战略性新兴产业和未来产业，原则上制造业项目总投资不低于20亿元，服务业项目总投资不低于10亿元。",
    "二、申报条件。项目须已完成备案（核准），并取得用地、环评等前期手续，计划于2027年内开工建设或在建。",
    "三、申报程序。请各地于2026年12月15日前通过江苏省重大项目管理平台完成网上填报，并将盖章后的纸质材料一式两份报送我委。逾期不予受理。联系人：省发展改革委重大项目处，联系电话：025-83395672。",
    "江苏省发展和改革委员会　2026年11月10日",
]
G16_TITLE = "关于组织申报2027年度省级重大产业项目的通知"
add("js-drc", "2026-11-10-major-projects-notice", G16_TITLE, T("11-10 10:00"),
    html(G16), group=g, edits=["original"])
add("ks-etdz", "2026-11-11-drc-notice", G16_TITLE, T("11-11 09:30"),
    html(G16), group=g, edits=["same-document"])
add("jy-hitech", "2026-11-11-drc-notice", G16_TITLE, T("11-11 14:00"),
    html(G16), group=g, edits=["same-document"])
add("nj-jiangbei", "2026-11-12-drc-notice", G16_TITLE, T("11-12 10:00"),
    html(G16), group=g, edits=["same-document"])

# ---- G17 tricky order 1: 苏州工业园区 AI park phase II. A two-sentence brief (city
# government) and a portal copy that drops the first paragraph arrive BEFORE the original;
# brief and portal copy share almost nothing, the original (last) bridges them.
g = "g17-sip-ai-park"
G17 = [
    "11月20日上午，苏州工业园区人工智能产业园二期正式开园。二期项目总建筑面积约32万平方米，首批入驻企业46家，涵盖大模型研发、智能驾驶、机器人等领域。园区同步启动“人工智能+制造”场景开放计划。",
    "人工智能产业园于2019年启动建设，一期已集聚人工智能相关企业700余家，2025年实现产值超过900亿元。二期重点打造“模型—算力—数据—场景”一体化的产业生态，规划建设2个公共算力平台和1个高质量数据集交易中心。",
    "开园仪式上，园区发布首批30个“人工智能+制造”应用场景清单，面向全球征集解决方案，单个场景最高给予200万元补助。",
    "园区相关负责人表示，到2028年，园区力争人工智能产业规模突破1500亿元，培育10家以上具有全球影响力的人工智能企业。",
]
add("sz-gov", "2026-11-20-sip-ai-park", "苏州工业园区人工智能产业园二期开园", T("11-20 11:20"),
    html(first_sentences(G17, 2)), group=g, edits=["brief-two-sentences", "before-original"])
add("jhd-portal", "2026-11-20-sip-ai-scenes", "苏州园区发布30个“人工智能+制造”应用场景", T("11-20 13:00"),
    html(drop_first(G17)), group=g, edits=["dropped-first-paragraph", "rewritten-headline", "before-original"])
add("sip-gov", "2026-11-20-ai-park-phase2", "苏州工业园区人工智能产业园二期开园", T("11-20 15:00"),
    html(G17), group=g, edits=["original", "late-bridge"])

# ---- G18 tricky order 2: 江北新区 new R&D institutes. The city paper's first-paragraph
# brief and a portal copy without the first paragraph (number-led headline) come first;
# the zone site's original comes in the afternoon.
g = "g18-njjb-rnd-institutes"
G18 = [
    "11月23日，南京江北新区举行新型研发机构集中揭牌仪式，9家新型研发机构正式落户，涉及集成电路、细胞与基因治疗、新型电力装备等领域。",
    "此次揭牌的机构中，有5家由国内高校院所与新区共建，4家由行业龙头企业牵头组建。根据协议，新区将在场地、启动资金和人才引进等方面给予支持，每家机构最高可获得3000万元建设经费。",
    "江北新区相关负责人介绍，新区对新型研发机构实行“里程碑式”考核，重点评价技术成果转化、孵化企业和服务产业等指标，考核优秀的机构可获得后续滚动支持。",
    "目前，江北新区已累计布局新型研发机构86家，孵化引进科技型企业1200余家。",
]
add("nj-daily", "2026-11-24-a03-rnd", "江北新区9家新型研发机构集中揭牌", T("11-24 07:00"),
    html(first_para(G18)), group=g, edits=["brief-first-paragraph", "before-original"])
add("jschina-portal", "2026-11-24-njjb-rnd", "每家最高3000万元！南京江北新区支持新型研发机构建设", T("11-24 10:00"),
    html(drop_first(G18)), group=g, edits=["dropped-first-paragraph", "number-led-headline", "before-original"])
add("nj-jiangbei", "2026-11-24-rnd-institutes", "南京江北新区新型研发机构集中揭牌 9家机构落户", T("11-24 16:00"),
    html(G18), group=g, edits=["original", "late-bridge"])

# ---- G19 tricky order 3: 宁波开发区 going-abroad service centre. An excerpt-only brief on
# the city paper and a province department copy without the first paragraph come first.
g = "g19-nb-going-abroad-centre"
G19 = [
    "11月25日，宁波开发区企业出海综合服务中心正式启用。中心集成了境外投资备案、出口信用保险、跨境法律咨询、国际物流对接等28项服务事项，为企业“走出去”提供一站式服务。中心位于北仑区行政服务中心三楼，面积约1200平方米。",
    "服务中心由北仑区商务局牵头，联合中国出口信用保险公司宁波分公司、宁波海关以及多家律师事务所、会计师事务所共同运营，首批入驻服务机构15家。",
    "据统计，北仑区（宁波开发区）现有境外投资企业310余家，分布在全球48个国家和地区。今年1—10月，全区新增境外投资项目37个，中方协议投资额9.6亿美元。",
    "下一步，服务中心将定期发布重点国家和地区投资指南，组织企业参加境外展会，并建立海外风险预警机制。",
]
add("nb-daily", "2026-11-26-a02-going-abroad", "北仑企业出海有了“一站式”服务中心", T("11-26 07:00"),
    None, plain(first_sentences(G19, 2)), group=g, edits=["brief-two-sentences", "excerpt-only", "before-original"])
add("zj-commerce", "2026-11-26-nb-going-abroad", "宁波开发区搭建企业出海一站式服务平台", T("11-26 09:30"),
    html(drop_first(G19)), group=g, edits=["dropped-first-paragraph", "rewritten-headline", "before-original"])
add("nb-etdz", "2026-11-26-going-abroad-centre", "宁波开发区企业出海综合服务中心启用", T("11-26 14:00"),
    html(G19), group=g, edits=["original", "late-bridge"])

# ---- G20 南通高新区 autumn job fair. Tests: the same title over reflowed text (、→，,
# paragraphs re-broken) on the city paper; an aggregator entry linking to the original
# with utm parameters, excerpt only.
g = "g20-nthitech-job-fair"
G20 = [
    "10月17日，南通高新区2026年秋季人才招聘会在高新区人力资源市场举行。本次招聘会共吸引区内外136家企业参会，提供就业岗位3200余个，涵盖研发设计、生产制造、市场营销等多个领域。",
    "招聘会现场设置了高校毕业生专区、技能人才专区和退役军人专区，并开设“直播带岗”环节，由企业人力资源负责人在线介绍岗位需求和薪资待遇，吸引了1.5万余人次在线观看。",
    "据统计，当天进场求职人员约2800人次，初步达成就业意向680余人。",
    "高新区人社部门相关负责人表示，今年以来高新区已累计举办各类招聘活动42场，帮助企业解决用工需求1.1万余人。下一步，将持续开展“送岗进校园”“送岗下基层”活动，助力企业稳岗扩岗。",
]
o = add("nt-hitech", "2026-10-17-job-fair", "南通高新区举办2026年秋季人才招聘会", T("10-17 15:00"),
        html(G20), group=g, edits=["original"])
add("kfq-hub", "nt-20261017-0093", "南通高新区举办2026年秋季人才招聘会", T("10-17 19:00"),
    None, "本次招聘会共吸引区内外136家企业参会，提供就业岗位3200余个。",
    link=utm(o["link"]), group=g, edits=["link-variant", "excerpt-only"])
add("nt-daily", "2026-10-18-a04-job-fair", "南通高新区举办2026年秋季人才招聘会", T("10-18 07:30"),
    reflow(G20, [1, 2, 2, 1], subs=[("、", "，")]), group=g, edits=["same-title-reflowed"])

# ---- G21 昆山开发区 Taiwanese-business forum. Tests: 本报讯 + a split paragraph on the
# county paper; an aggregator entry whose link drops the original's www.
g = "g21-ks-taiwan-forum"
G21 = [
    "10月30日，昆山开发区召开台资企业发展座谈会，20家重点台资企业负责人参加会议，围绕转型升级、市场拓展、人才引进等话题展开交流。",
    "座谈会上，企业代表结合自身发展实际，提出了扩大内销渠道、加强技能人才培训、优化跨境资金结算等意见建议。开发区相关部门负责人逐一作了回应。",
    "昆山开发区是台商投资最为密集的地区之一，现有台资企业1500余家，累计投资总额超过300亿美元。今年以来，区内台资企业新增增资项目21个，增资总额4.6亿美元。",
    "开发区主要负责人表示，将建立企业诉求“闭环办理”机制，对企业提出的问题明确责任部门和办结时限，持续为台资企业营造更优发展环境。",
]
o = add("ks-etdz", "2026-10-30-taiwan-forum", "昆山开发区召开台资企业发展座谈会", T("10-30 16:00"),
        html(G21), group=g, edits=["original"])
add("kfq-hub", "ks-20261030-0207", "【昆山】昆山开发区召开台资企业发展座谈会", T("10-30 18:00"),
    html(G21), link=no_www(o["link"]), group=g, edits=["link-variant", "label-prefix"])
add("ks-daily", "2026-10-31-taiwan-forum", "昆山开发区召开台资企业发展座谈会", T("10-31 07:00"),
    html(split(benbao(G21, "沈佳", "陆建华"), 2, 1)), group=g, edits=["benbao-opening", "split-paragraphs"])

# ---- G22 江阴高新区 special-alloy project starts. Tests: joined paragraphs on the county
# paper; a number-led headline on the city paper.
g = "g22-jy-alloy-start"
G22 = [
    "11月11日，江阴高新区高端特种合金材料项目举行开工仪式。项目总投资18亿元，主要生产航空航天、海洋工程用高温合金和耐蚀合金材料。",
    "项目规划用地约210亩，新建熔炼、锻造、精整等生产车间及研发中心，计划2028年6月建成投产，达产后预计年产特种合金材料3万吨，年销售收入约45亿元。",
    "江阴高新区是全国重要的特钢及金属新材料产业基地。近年来，高新区围绕新材料产业链招引了一批补链延链项目，今年以来已新开工亿元以上产业项目19个。",
    "高新区将安排专人跟踪服务，全力保障项目顺利推进。",
]
add("jy-hitech", "2026-11-11-alloy-start", "江阴高新区高端特种合金项目开工建设", T("11-11 11:00"),
    html(G22), group=g, edits=["original"])
add("jy-daily", "2026-11-12-alloy", "江阴高新区高端特种合金项目开工建设", T("11-12 07:00"),
    html(joined(G22, 2)), group=g, edits=["joined-paragraphs"])
add("wx-daily", "2026-11-12-jy-alloy", "总投资18亿元！江阴高新区特种合金项目开工", T("11-12 07:30"),
    html(G22), group=g, edits=["number-led-headline"])

# ---- G23 新吴英才计划 3.0. Tests: 10月23日 → 近日 on the city government site; the
# WeChat frame with a 重磅！…👇 headline.
g = "g23-wx-talent-policy"
G23 = [
    "10月23日，无锡高新区（新吴区）发布“新吴英才计划”3.0版人才政策，围绕顶尖人才引育、青年人才集聚、技能人才培养等方面推出22条措施，每年安排人才专项资金不低于10亿元。",
    "新政策对引进的顶尖人才团队，给予最高1亿元综合资助；对来新吴区创新创业的领军人才，给予最高500万元项目资助和300万元购房补贴。",
    "在青年人才方面，政策将应届高校毕业生生活补贴标准提高到博士每月5000元、硕士每月3000元、本科每月1500元，最长发放3年。",
    "新吴区相关负责人表示，3.0版政策更加突出产业导向，人才资助与企业研发投入、产值增长等指标挂钩，推动人才链与产业链深度融合。",
]
add("wx-hitech", "2026-10-23-talent-policy", "无锡高新区发布“新吴英才计划”3.0版", T("10-23 11:00"),
    html(G23), group=g, edits=["original"])
add("wx-wechat", "2026-10-23-talent", "重磅！“新吴英才计划”3.0版来了👇", T("10-23 20:00"),
    wechat(html(G23), "新吴区人才办", "华婷", "钱一鸣", hook="🔥"),
    group=g, edits=["wechat-frame", "rewritten-headline"])
add("wx-gov", "2026-10-24-xinwu-talent", "无锡高新区发布“新吴英才计划”3.0版", T("10-24 10:00"),
    html(edit_first(G23, "10月23日，", "近日，")), group=g, edits=["edited-first-sentence"])

# ---- G24 南通开发区 Japanese mould project. Tests: the same title over text reflowed
# into a <div> with <br> lines (、→，) on the city government site; a first-paragraph
# brief under a new headline on a portal.
g = "g24-ntetdz-japan-mould"
G24 = [
    "11月6日，南通开发区与日本一家精密模具企业举行项目签约仪式。该项目总投资8000万美元，主要生产汽车轻量化零部件精密模具和冲压件。",
    "项目将租用开发区标准厂房约3万平方米，计划2027年3月投产，达产后预计年销售额10亿元。这是该企业在中国设立的第三家生产基地。",
    "今年以来，南通开发区加大日韩招商力度，先后赴东京、大阪、首尔开展招商活动，1—10月已签约日韩资项目14个，总投资6.2亿美元。",
    "签约仪式后，企业代表实地考察了项目选址地块。",
]
add("nt-etdz", "2026-11-06-japan-mould", "南通开发区签约日资精密模具项目", T("11-06 15:00"),
    html(G24), group=g, edits=["original"])
add("nt-gov", "2026-11-06-etdz-japan", "南通开发区签约日资精密模具项目", T("11-06 17:00"),
    reflow(G24, [1, 1, 1, 1, 2], subs=[("、", "，")], style="div"), group=g, edits=["same-title-reflowed"])
add("jhd-portal", "2026-11-07-nt-japan", "南通开发区引进日资精密模具项目", T("11-07 09:00"),
    html(first_para(G24)), group=g, edits=["brief-first-paragraph"])

# ---- G25 北仑 cross-border e-commerce park opens. Tests: a split paragraph on the city
# paper; the third WeChat short version (two sentences + captions, "今天，…开园！").
g = "g25-nb-ecommerce-park"
G25 = [
    "11月13日，北仑跨境电商产业园正式开园，首批62家跨境电商企业及服务机构入驻。产业园位于宁波开发区保税区块，总建筑面积约8万平方米。",
    "产业园设有跨境电商直播基地、海外仓服务中心、跨境支付结算中心等功能平台，可为企业提供选品、通关、物流、结算、营销等全链条服务。",
    "北仑区商务部门负责人介绍，依托宁波舟山港的港口优势，北仑跨境电商产业发展迅速。今年1—10月，全区跨境电商进出口额达到186亿元，同比增长23.4%。",
    "根据规划，到2028年产业园将集聚跨境电商企业300家以上，年交易额突破300亿元。",
]
add("nb-etdz", "2026-11-13-ecommerce-park", "北仑跨境电商产业园开园 首批入驻企业62家", T("11-13 11:00"),
    html(G25), group=g, edits=["original"])
add("nb-wechat", "2026-11-13-ecommerce-today", "今天，北仑跨境电商产业园开园！", T("11-13 19:00"),
    wechat(captions(first_sentences(G25, 2), [
        ("https://mmbiz.qpic.example.cn/bl/ecpark-1.jpg", "图为开园仪式现场。"),
        ("https://mmbiz.qpic.example.cn/bl/ecpark-2.jpg", "图为入驻企业主播在直播基地带货。"),
    ]), "北仑区商务局", "邬佳", "林波", hook="🔥"),
    group=g, edits=["photo-captions", "wechat-frame"])
add("nb-daily", "2026-11-14-a03-ecommerce", "北仑跨境电商产业园开园 首批入驻企业62家", T("11-14 07:00"),
    html(split(G25, 2, 1)), group=g, edits=["split-paragraphs"])

# ---- G26 江北新区 antibody plant starts production. Tests: 10月27日 → 日前 on the city
# paper; joined paragraphs on a portal.
g = "g26-njjb-antibody-plant"
G26 = [
    "10月27日，位于南京江北新区生物医药谷的抗体药物生产基地正式投产。基地总投资25亿元，建有4条原液生产线和2条制剂灌装线，总发酵规模达到4万升。",
    "基地投产后，将主要承担企业自主研发的3款单克隆抗体药物的商业化生产，同时为国内外创新药企业提供合同研发生产（CDMO）服务。",
    "江北新区生物医药谷现已集聚生物医药企业1300余家，2025年实现营业收入超过800亿元，基因检测、细胞治疗等细分领域在全国具有较强影响力。",
    "新区相关负责人表示，将支持基地加快产品上市和产能释放，推动更多创新药在新区实现产业化。",
]
add("nj-jiangbei", "2026-10-27-antibody-plant", "南京江北新区抗体药物生产基地投产", T("10-27 11:00"),
    html(G26), group=g, edits=["original"])
add("jhd-portal", "2026-10-27-njjb-antibody", "南京江北新区抗体药物生产基地投产", T("10-27 17:00"),
    html(joined(G26, 2)), group=g, edits=["joined-paragraphs"])
add("nj-daily", "2026-10-28-a05-antibody", "南京江北新区抗体药物生产基地投产", T("10-28 07:00"),
    html(edit_first(G26, "10月27日，", "日前，")), group=g, edits=["edited-first-sentence"])

# ---- G27 a portal original: province meeting on foreign investment held in 苏州工业园区.
# Tests: the province department reposts it reflowed (1—10月 → 1-10月) with a source note;
# the city paper rewrites 11月26日 → 昨天 with 本报讯. The text names three zones; the
# city paper places it in 苏州工业园区, where the meeting was.
g = "g27-js-fdi-meeting"
G27 = [
    "11月26日，全省开发区利用外资工作推进会在苏州工业园区召开。会议总结今年以来全省开发区利用外资工作情况，部署下一阶段重点任务。",
    "会议通报，今年1—10月，全省开发区实际使用外资占全省比重超过80%，新设外资项目2900余个。其中，制造业实际使用外资同比增长8.5%，高技术产业实际使用外资占比进一步提升。",
    "会上，苏州工业园区、昆山开发区、南通开发区等6家开发区作交流发言，介绍了在外资招引、外资企业服务和制度型开放方面的经验做法。",
    "会议要求，各开发区要抓住年底前的关键时期，加快推进在谈外资项目签约落地，做好外资企业增资扩股服务，力争全年利用外资工作圆满收官。",
]
add("jhd-portal", "2026-11-26-fdi-meeting", "全省开发区利用外资工作推进会在苏州召开", T("11-26 18:00"),
    html(G27), group=g, edits=["original"])
add("sz-daily", "2026-11-27-a02-fdi-meeting", "全省开发区利用外资工作推进会在园区召开", T("11-27 07:00"),
    html(edit_first(benbao(G27, "钱程"), "本报讯（记者 钱程）11月26日，", "本报讯（记者 钱程）昨天，")),
    zone="suzhou-sip", group=g, edits=["benbao-opening", "edited-first-sentence"])
add("js-commerce", "2026-11-27-fdi-meeting", "全省开发区利用外资工作推进会在苏州召开", T("11-27 10:00"),
    reflow(G27, [1, 2, 1, 2], subs=[("—", "-")]) + "<p>（来源：新华日报·交汇点）</p>",
    group=g, edits=["same-title-reflowed", "source-note"])

# ---- G28 苏州工业园区 26 projects start (its 集中签约 of the same day is a near miss,
# NM14). Tests: 本报讯 + number-led headline on the city paper; a WeChat frame around the
# first paragraph only.
g = "g28-sip-q4-starts"
G28 = [
    "11月17日，苏州工业园区举行2026年四季度重点产业项目集中开工活动，26个项目集中开工，总投资约210亿元。",
    "此次开工项目涵盖新一代信息技术、生物医药、纳米技术应用、人工智能等产业领域，其中总投资超10亿元的项目有7个，外资项目9个。",
    "主会场设在园区东部的新型显示材料产业化项目现场。该项目总投资35亿元，建成后将形成年产OLED发光材料及配套化学品300吨的能力。",
    "今年以来，园区累计新开工重点产业项目98个，总投资超过800亿元，为全年经济稳定增长提供了有力支撑。",
]
G28_ORIGINAL = add("sip-gov", "2026-11-17-q4-starts", "苏州工业园区四季度重点产业项目集中开工", T("11-17 10:30"),
                   html(G28), group=g, edits=["original", "near-miss"])
add("sz-wechat", "2026-11-17-q4-starts", "苏州工业园区四季度重点产业项目集中开工", T("11-17 18:30"),
    wechat(html(first_para(G28)) + img("https://mmbiz.qpic.example.cn/sz/starts-1.jpg", "开工现场"),
           "苏州工业园区经济发展委员会", "沈悦", "陶然"),
    group=g, edits=["wechat-frame", "brief-first-paragraph"])
add("sz-daily", "2026-11-18-a01-sip-starts", "26个项目集中开工！园区四季度开工项目总投资210亿元", T("11-18 07:00"),
    html(benbao(G28, "吴雨桐", "周园宣")), group=g, edits=["number-led-headline", "benbao-opening"])


# ===========================================================================
# NEAR MISSES: pairs that must stay APART. Each item is its own story (group "nmNN-a" /
# "nmNN-b"), except NM14 whose first item is the original of repost group G28.
# ===========================================================================

def pair(nm, a, b):
    near_miss(a, b)


# ---------------------------------------------------------------------------
# generic titles (工作动态 / 园区要闻 / 重要通知) over different bodies, one site each
# ---------------------------------------------------------------------------

# NM01 南通高新区 "工作动态": a safety inspection vs. a business-service forum
pair("nm01",
     add("nt-hitech", "2026-10-13-gzdt-safety", "工作动态", T("10-13 15:00"), html([
         "10月13日，南通高新区安全生产委员会办公室组织开展四季度安全生产专项检查。检查组分4个小组，对区内32家危险化学品使用企业和粉尘涉爆企业进行了现场检查。",
         "检查中共发现各类隐患87处，已当场整改59处，其余隐患已下达整改通知书，明确整改时限和责任人。",
         "下一步，高新区将对隐患整改情况开展“回头看”，确保整改到位。",
     ]), group="nm01-a", edits=["near-miss", "generic-title"]),
     add("nt-hitech", "2026-10-15-gzdt-service", "工作动态", T("10-15 16:00"), html([
         "10月15日，南通高新区企业服务中心召开规上工业企业服务座谈会，18家企业负责人参加。",
         "会上，企业围绕用工招聘、融资对接、能耗指标等方面反映了23个问题和建议。高新区相关部门现场答复了14个问题，其余问题已建立清单，明确在20个工作日内办结反馈。",
     ]), group="nm01-b", edits=["near-miss", "generic-title"]))

# NM02 苏州工业园区 "园区要闻": a university research institute vs. an HQ forum
pair("nm02",
     add("sip-gov", "2026-10-19-yqyw-institute", "园区要闻", T("10-19 10:30"), html([
         "10月19日，苏州工业园区与一所“双一流”高校签署合作协议，双方将共建集成电路先进封装技术研究院。研究院选址园区独墅湖科教创新区，首期建设面积1.2万平方米，重点开展芯粒集成、先进封装材料与装备等方向的技术攻关。",
         "根据协议，园区将在5年内投入不超过5亿元支持研究院建设，高校方面将派驻不少于50人的科研团队。研究院计划到2030年孵化科技企业30家以上。",
     ]), group="nm02-a", edits=["near-miss", "generic-title"]),
     add("sip-gov", "2026-10-21-yqyw-hq-forum", "园区要闻", T("10-21 16:00"), html([
         "10月21日，苏州工业园区举办跨国公司地区总部座谈会，来自美国、德国、日本、新加坡等国家的23家跨国公司地区总部和功能性机构负责人参加。",
         "会上，企业代表围绕跨境数据流动、外籍人员出入境便利、研发用物品进口等问题提出意见建议。园区相关部门负责人现场回应，并表示将建立问题清单逐项推进解决。",
         "目前，园区已累计认定跨国公司地区总部和功能性机构150余家。",
     ]), group="nm02-b", edits=["near-miss", "generic-title"]))

# NM03 江阴高新区 "重要通知": an office move vs. a call for innovation vouchers
pair("nm03",
     add("jy-hitech", "2026-11-04-notice-move", "重要通知", T("11-04 09:00"), html([
         "各企业、各有关单位：",
         "因办公用房调整，江阴高新区政务服务中心将于2026年11月16日起搬迁至高新区综合服务大楼一楼（长山大道28号）办公。搬迁期间（11月13日至11月15日）暂停现场受理业务，网上办理渠道正常运行。",
         "搬迁后，政务服务中心办公时间为工作日上午9:00至12:00、下午13:30至17:30，咨询电话：0510-86801234。因搬迁给您带来的不便，敬请谅解。",
         "江阴高新区管委会　2026年11月4日",
     ]), group="nm03-a", edits=["near-miss", "generic-title"]),
     add("jy-hitech", "2026-11-09-notice-vouchers", "重要通知", T("11-09 09:00"), html([
         "各有关企业：",
         "为鼓励企业加大研发投入，根据《江阴高新区科技创新券管理办法》，现组织开展2026年度科技创新券申报工作。",
         "申报对象为在高新区注册、具有独立法人资格的科技型中小企业。创新券可用于购买检验检测、技术开发、知识产权等科技服务，单家企业年度支持额度最高20万元。",
         "请符合条件的企业于2026年11月30日前登录高新区科技服务平台提交申报材料。咨询电话：0510-86805678。",
         "江阴高新区科技局　2026年11月9日",
     ]), group="nm03-b", edits=["near-miss", "generic-title"]))

# NM04 宁波开发区 "工作动态": a fire-safety check vs. an economic-analysis meeting
pair("nm04",
     add("nb-etdz", "2026-11-02-gzdt-fire", "工作动态", T("11-02 16:00"), html([
         "11月2日，宁波开发区应急管理局联合消防救援大队，对区内12家大型商业综合体和物流仓储企业开展冬季消防安全专项检查。",
         "检查组重点查看了消防设施运行、疏散通道畅通和电气线路敷设等情况，共发现隐患41处，均已督促企业限期整改。",
     ]), group="nm04-a", edits=["near-miss", "generic-title"]),
     add("nb-etdz", "2026-11-05-gzdt-economy", "工作动态", T("11-05 17:00"), html([
         "11月5日，宁波开发区召开四季度经济运行分析会，通报1—10月主要经济指标完成情况。",
         "会议指出，今年以来全区规上工业增加值、外贸进出口等指标保持平稳增长，但部分行业订单不足的问题仍然存在。",
         "会议要求各部门对照全年目标，逐项梳理短板指标，加强重点企业运行监测，确保完成全年目标任务。",
     ]), group="nm04-b", edits=["near-miss", "generic-title"]))


# ---------------------------------------------------------------------------
# procurement results (中标结果公告): two projects from one template, one site each
# ---------------------------------------------------------------------------

def bid_result(no, name, winner, amount, term_label, term, lead_label, lead, buyer, contact, phone):
    return html([
        f"一、项目编号：{no}",
        f"二、项目名称：{name}",
        f"三、中标（成交）信息：中标供应商名称：{winner}；中标金额：{amount}；{term_label}：{term}；{lead_label}：{lead}。",
        "四、公告期限：自本公告发布之日起1个工作日。",
        "五、其他补充事宜：各有关当事人对中标结果有异议的，可以在中标公告期限届满之日起7个工作日内，以书面形式向采购人或采购代理机构提出质疑。",
        f"六、凡对本次公告内容提出询问，请按以下方式联系：采购人：{buyer}；联系人：{contact}；联系电话：{phone}。",
    ])


# NM05 南通开发区: a road reconstruction vs. a greening-maintenance service
pair("nm05",
     add("nt-etdz", "2026-10-16-zb-xinghu-road", "星湖大道（通盛大道至东方大道段）改造工程中标结果公告", T("10-16 09:00"),
         bid_result("NTKF-GC-2026-118", "星湖大道（通盛大道至东方大道段）改造工程", "江苏华澄路桥建设有限公司",
                    "4862.37万元", "工期", "300日历天", "项目经理", "王建国",
                    "南通经济技术开发区管理委员会建设局", "周工", "0513-85921136"),
         group="nm05-a", edits=["near-miss", "procurement-template"]),
     add("nt-etdz", "2026-10-20-zb-greening", "2027年度市政道路绿化养护项目中标结果公告", T("10-20 09:00"),
         bid_result("NTKF-FW-2026-131", "2027年度市政道路绿化养护项目", "南通绿禾园林工程有限公司",
                    "1296.80万元", "服务期", "12个月", "项目负责人", "施红梅",
                    "南通经济技术开发区管理委员会建设局", "周工", "0513-85921136"),
         group="nm05-b", edits=["near-miss", "procurement-template"]))

# NM06 无锡高新区: both titled just "中标结果公告" (a platform vs. canteen equipment)
pair("nm06",
     add("wx-hitech", "2026-11-03-zb-platform", "中标结果公告", T("11-03 09:30"),
         bid_result("WXXW-ZC-2026-0452", "智慧园区综合管理平台（二期）建设项目", "无锡锡创数智科技有限公司",
                    "1580.00万元", "服务期", "合同签订后240日历天", "项目负责人", "陆文斌",
                    "无锡高新区（新吴区）数据局", "许女士", "0510-81189021"),
         group="nm06-a", edits=["near-miss", "procurement-template", "generic-title"]),
     add("wx-hitech", "2026-11-04-zb-canteen", "中标结果公告", T("11-04 09:30"),
         bid_result("WXXW-ZC-2026-0467", "新吴实验学校食堂设备采购项目", "江苏厨联商用设备有限公司",
                    "386.50万元", "交货期", "合同签订后45日历天", "项目负责人", "邵强",
                    "无锡市新吴实验学校", "秦老师", "0510-81189377"),
         group="nm06-b", edits=["near-miss", "procurement-template", "generic-title"]))

# NM07 南京江北新区: lab equipment vs. a sewer separation works
pair("nm07",
     add("nj-jiangbei", "2026-11-12-zb-lab-equipment", "江北新区生物医药公共实验平台设备采购项目中标结果公告", T("11-12 10:00"),
         bid_result("NJJB-ZC-2026-0871", "江北新区生物医药公共实验平台设备采购项目", "南京科仪达生物技术有限公司",
                    "2264.00万元", "交货期", "合同签订后90日历天", "项目负责人", "孙婧",
                    "南京江北新区生物医药谷建设发展有限公司", "丁先生", "025-58391207"),
         group="nm07-a", edits=["near-miss", "procurement-template"]),
     add("nj-jiangbei", "2026-11-13-zb-sewer", "江北新区滨江大道（七里河至城南河段）雨污分流改造工程中标结果公告", T("11-13 10:00"),
         bid_result("NJJB-GC-2026-0893", "江北新区滨江大道（七里河至城南河段）雨污分流改造工程", "江苏宁泰市政工程有限公司",
                    "3127.45万元", "工期", "240日历天", "项目经理", "黄志刚",
                    "南京江北新区建设和交通局", "丁先生", "025-58391207"),
         group="nm07-b", edits=["near-miss", "procurement-template"]))


# ---------------------------------------------------------------------------
# recruitment notices (公开招聘): two posts / batches / years from one template
# ---------------------------------------------------------------------------

def sip_recruit(unit, post, n, duties, cond, deadline, exam, pay, phone):
    return html([
        f"因工作需要，{unit}现面向社会公开招聘{post}{n}名，招聘人员以劳务派遣形式用工。现将有关事项公告如下：",
        f"一、招聘岗位：{post}，{n}名。主要职责：{duties}。",
        f"二、报名条件：具有中华人民共和国国籍，遵纪守法，品行端正，身体健康；{cond}。",
        f"三、报名方式：请于{deadline}前登录苏州工业园区人力资源服务平台在线报名，并上传身份证、学历证书等材料。",
        f"四、考试方式：采取笔试和面试相结合的方式进行，笔试内容为{exam}。",
        f"五、薪酬待遇：{pay}，按规定缴纳社会保险和住房公积金。咨询电话：{phone}（工作日9:00—17:00）。",
    ])


# NM08 苏州工业园区: two posts in two units, same template, two days apart
pair("nm08",
     add("sip-gov", "2026-10-14-zp-enforcement", "苏州工业园区综合行政执法局2026年公开招聘辅助人员公告", T("10-14 09:00"),
         sip_recruit("苏州工业园区综合行政执法局", "综合执法辅助人员", 20,
                     "协助开展市容环境、违法建设等领域的巡查和执法辅助工作",
                     "年龄在35周岁以下，具有大专及以上学历，持有C1及以上机动车驾驶证",
                     "10月24日", "公共基础知识和执法辅助岗位常识", "年收入约9万至11万元", "0512-66680123"),
         group="nm08-a", edits=["near-miss", "recruitment-template"]),
     add("sip-gov", "2026-10-16-zp-service-window", "苏州工业园区政务服务中心2026年公开招聘窗口服务人员公告", T("10-16 09:00"),
         sip_recruit("苏州工业园区政务服务中心", "窗口服务人员", 12,
                     "负责政务服务大厅窗口受理、咨询引导和帮办代办等工作",
                     "年龄在30周岁以下，具有本科及以上学历，普通话二级甲等及以上",
                     "10月26日", "公共基础知识和写作", "年收入约10万至12万元", "0512-66680456"),
         group="nm08-b", edits=["near-miss", "recruitment-template"]))


def ks_grid(batch, n, areas, period, exam_date):
    return html([
        f"为进一步加强基层社会治理力量，昆山开发区决定2026年第{batch}批面向社会公开招聘专职网格员{n}名。现将有关事项公告如下：",
        f"一、招聘名额及分布：共{n}名，分配至{areas}等社区。",
        "二、招聘条件：具有良好的政治素质和道德品行；年龄18周岁以上、40周岁以下；具有大专及以上学历；熟练使用计算机办公软件；昆山市户籍或在昆山连续缴纳社会保险满1年者优先。",
        f"三、报名时间及方式：报名时间为{period}，报名者登录昆山开发区人才服务网下载并填写报名表，发送至指定邮箱。",
        f"四、考试安排：笔试拟于{exam_date}举行，具体时间地点另行通知。笔试合格者按1：2比例进入面试。",
        "五、咨询电话：0512-57301234。",
    ])


# NM09 昆山开发区: the third and the fourth batch of grid workers (six weeks apart)
pair("nm09",
     add("ks-etdz", "2026-10-10-zp-grid-3", "昆山开发区2026年第三批公开招聘专职网格员公告", T("10-10 09:00"),
         ks_grid("三", 25, "新江、青阳北、蓬东", "10月12日至10月18日", "10月25日"),
         group="nm09-a", edits=["near-miss", "recruitment-template"]),
     add("ks-etdz", "2026-11-25-zp-grid-4", "昆山开发区2026年第四批公开招聘专职网格员公告", T("11-25 09:00"),
         ks_grid("四", 18, "夏驾河、章基、朝阳东", "11月27日至12月3日", "12月13日"),
         group="nm09-b", edits=["near-miss", "recruitment-template"]))

# NM10 南通高新区 state-owned group: 2026 social hiring vs. 2027-graduate campus hiring
pair("nm10",
     add("nt-hitech", "2026-10-08-zp-social", "南通高新区国有企业2026年社会招聘公告", T("10-08 09:00"), html([
         "根据业务发展需要，南通高新区控股集团有限公司及所属企业现面向社会公开招聘工作人员16名。现将有关事项公告如下：",
         "一、招聘岗位：投资管理、工程管理、财务会计、法务审计等4类岗位，共16名，具体岗位及要求详见附件《岗位需求表》。",
         "二、基本条件：遵纪守法，品行端正；具有全日制本科及以上学历；年龄在35周岁以下，具有中级及以上职称或相关工作经验5年以上的可放宽至40周岁。",
         "三、报名方式：报名时间为2026年10月8日至10月20日，应聘人员登录南通高新区人才网在线报名。",
         "四、招聘程序：按照报名、资格审查、笔试、面试、体检、考察、公示、聘用的程序进行。",
         "五、薪酬待遇：按照集团薪酬管理制度执行，缴纳五险二金。咨询电话：0513-85601234。",
     ]), group="nm10-a", edits=["near-miss", "recruitment-template"]),
     add("nt-hitech", "2026-11-02-zp-campus-2027", "南通高新区国有企业2027届高校毕业生校园招聘公告", T("11-02 09:00"), html([
         "根据业务发展需要，南通高新区控股集团有限公司及所属企业现面向2027届高校毕业生公开招聘工作人员24名。现将有关事项公告如下：",
         "一、招聘岗位：产业投资、规划设计、数字化运营、财务管理等5类岗位，共24名，具体岗位及要求详见附件《岗位需求表》。",
         "二、基本条件：遵纪守法，品行端正；国内普通高校2027年全日制应届毕业生或2027年取得国（境）外学历学位认证的留学回国人员；硕士研究生年龄在28周岁以下，本科年龄在25周岁以下。",
         "三、报名方式：报名时间为2026年11月2日至11月22日，应聘人员登录南通高新区人才网在线报名。",
         "四、招聘程序：按照报名、资格审查、笔试、面试、体检、考察、公示、聘用的程序进行。",
         "五、薪酬待遇：按照集团薪酬管理制度执行，缴纳五险二金，提供人才公寓。咨询电话：0513-85601234。",
     ]), group="nm10-b", edits=["near-miss", "recruitment-template"]))


# ---------------------------------------------------------------------------
# 集中开工 and 集中签约 in one zone on the same day
# ---------------------------------------------------------------------------

# NM11 无锡日报, both about 无锡高新区 on 10月29日, same reporter, printed together
pair("nm11",
     add("wx-daily", "2026-10-30-a02-xw-starts", "无锡高新区四季度重大产业项目集中开工", T("10-30 07:00"), html([
         "本报讯（记者 周立）10月29日，无锡高新区举行2026年四季度重大产业项目集中开工活动，12个项目集中开工，总投资96亿元。",
         "开工项目涵盖集成电路、生物医药、新能源等领域，其中外资项目4个。主会场设在车规级芯片封测项目现场，该项目总投资22亿元，建成后可年封测车规级芯片15亿颗。",
         "今年以来，新吴区已累计开工亿元以上产业项目63个，完成产业投资同比增长11.2%。",
     ]), group="nm11-a", edits=["near-miss", "starts-vs-signings"]),
     add("wx-daily", "2026-10-30-a02-xw-signings", "无锡高新区四季度重大产业项目集中签约", T("10-30 07:00"), html([
         "本报讯（记者 周立）10月29日，无锡高新区举行2026年四季度重大产业项目集中签约活动，15个项目集中签约，总投资128亿元。",
         "签约项目涵盖集成电路、高端装备、软件和信息服务等领域，其中外资项目6个，协议外资3.1亿美元。现场签约的氢燃料电池电堆项目总投资25亿元，由一家国内氢能企业投资建设。",
         "今年以来，新吴区已累计签约亿元以上产业项目88个，计划总投资超过900亿元。",
     ]), group="nm11-b", edits=["near-miss", "starts-vs-signings"]))

# NM12 南通开发区 site, the fourth batch of starts and of signings on 11月5日
pair("nm12",
     add("nt-etdz", "2026-11-05-batch4-starts", "南通开发区举行重大项目集中开工活动", T("11-05 11:00"), html([
         "11月5日，南通开发区举行2026年第四批重大项目集中开工活动，9个项目集中开工，总投资68亿元。",
         "开工项目主要集中在高端装备、新一代信息技术和生物医药领域。其中，总投资15亿元的半导体封装基板项目规模最大，建成后年产封装基板120万平方米。",
         "开发区相关负责人表示，将落实重大项目“一对一”服务机制，推动开工项目加快建设、早日投产。",
     ]), group="nm12-a", edits=["near-miss", "starts-vs-signings"]),
     add("nt-etdz", "2026-11-05-batch4-signings", "南通开发区举行重大项目集中签约活动", T("11-05 16:00"), html([
         "11月5日，南通开发区举行2026年第四批重大项目集中签约活动，11个项目集中签约，总投资103亿元。",
         "签约项目主要集中在新能源、高端装备和现代物流领域。其中，总投资30亿元的海上风电运维母港项目规模最大，将建设运维码头、备件仓储中心和智能调度中心。",
         "开发区相关负责人表示，将加快推进签约项目办理前期手续，推动项目早落地、早开工。",
     ]), group="nm12-b", edits=["near-miss", "starts-vs-signings"]))

# NM13 南京江北新区 site, 11月19日, number-carrying titles
pair("nm13",
     add("nj-jiangbei", "2026-11-19-starts", "南京江北新区重大项目集中开工 14个项目总投资132亿元", T("11-19 10:00"), html([
         "11月19日，南京江北新区举行重大项目集中开工仪式，14个项目集中开工，总投资132亿元，涵盖集成电路、生物医药、新能源汽车及城市更新等领域。",
         "主会场设在新区智能制造产业园的功率半导体模块项目现场，该项目总投资28亿元，达产后年产功率模块600万只。",
         "今年以来，江北新区累计开工重大项目71个，完成投资进度好于预期。",
     ]), group="nm13-a", edits=["near-miss", "starts-vs-signings"]),
     add("nj-jiangbei", "2026-11-19-signings", "南京江北新区重大项目集中签约 20个项目总投资186亿元", T("11-19 15:30"), html([
         "11月19日，南京江北新区举行重大项目集中签约仪式，20个项目集中签约，总投资186亿元，涵盖集成电路、生物医药、新型研发机构及总部经济等领域。",
         "其中，一家国际知名生命科学企业将在新区设立华东区域总部和应用研发中心，项目总投资12亿元。",
         "今年以来，江北新区累计签约重大项目103个，协议总投资超过1200亿元。",
     ]), group="nm13-b", edits=["near-miss", "starts-vs-signings"]))

# NM14 苏州工业园区 11月17日: the 集中开工 original of G28 vs. the 集中签约 of that day
pair("nm14",
     G28_ORIGINAL,
     add("sip-gov", "2026-11-17-q4-signings", "苏州工业园区四季度重点产业项目集中签约", T("11-17 15:00"), html([
         "11月17日，苏州工业园区举行2026年四季度重点产业项目集中签约活动，18个项目集中签约，总投资约156亿元。",
         "此次签约项目涵盖新一代信息技术、生物医药、纳米技术应用、人工智能等产业领域，其中总投资超10亿元的项目有5个，外资项目8个，合同外资7.6亿美元。",
         "签约项目中，一家全球领先的工业软件企业将在园区设立中国研发总部，计划三年内研发人员规模达到800人。",
         "今年以来，园区累计签约重点产业项目132个，总投资超过1100亿元。",
     ]), group="nm14-b", edits=["near-miss", "starts-vs-signings"]))


# ---------------------------------------------------------------------------
# two different leaders visiting one zone on the same day (one site each)
# ---------------------------------------------------------------------------

# NM15 苏州工业园区 10月22日: a vice-governor (morning) and the mayor (afternoon)
pair("nm15",
     add("sip-gov", "2026-10-22-visit-vice-governor", "副省长赵立群来园区调研生物医药产业发展", T("10-22 12:00"), html([
         "10月22日上午，副省长赵立群来苏州工业园区调研生物医药产业发展情况。赵立群一行先后来到生物医药产业园、一家创新药企业研发中心和园区药品检验检测平台，详细了解企业研发进展、产品注册和市场拓展等情况。",
         "调研中，赵立群指出，生物医药是战略性新兴产业，园区要持续强化创新策源功能，加快临床资源与研发企业的对接，推动更多创新药和医疗器械在园区实现产业化。",
         "苏州市和园区有关负责人陪同调研。",
     ]), group="nm15-a", edits=["near-miss", "two-leaders-one-zone"]),
     add("sip-gov", "2026-10-22-visit-mayor", "市长周文涛来园区调研重点项目建设", T("10-22 18:00"), html([
         "10月22日下午，苏州市市长周文涛来苏州工业园区调研重点项目建设情况。周文涛一行先后来到新型显示材料项目、园区东部污水处理厂扩建工程和人工智能产业园二期建设现场，实地察看项目进度，听取项目推进情况汇报。",
         "周文涛强调，要紧盯全年目标，倒排工期、挂图作战，加快推进在建项目建设进度，确保重点项目按期竣工投产，为全年经济发展提供有力支撑。",
         "园区有关负责人陪同调研。",
     ]), group="nm15-b", edits=["near-miss", "two-leaders-one-zone"]))

# NM16 昆山开发区 11月6日: a vice-mayor on work safety, the provincial commerce head on FDI
pair("nm16",
     add("ks-etdz", "2026-11-06-visit-vice-mayor", "苏州市副市长陈立新来开发区调研安全生产工作", T("11-06 11:30"), html([
         "11月6日上午，苏州市副市长陈立新来昆山开发区调研安全生产工作。陈立新一行先后来到一家精密电子企业和一家化工仓储企业，实地察看企业危险化学品存储、消防设施配备和安全生产制度落实情况。",
         "陈立新强调，岁末年初是安全生产事故易发多发期，要压紧压实企业主体责任和部门监管责任，深入排查整治各类风险隐患，坚决防范遏制重特大事故发生。",
         "昆山市和开发区有关负责人陪同调研。",
     ]), group="nm16-a", edits=["near-miss", "two-leaders-one-zone"]),
     add("ks-etdz", "2026-11-06-visit-commerce-head", "省商务厅厅长韩志明来开发区调研外资工作", T("11-06 17:30"), html([
         "11月6日下午，省商务厅厅长韩志明来昆山开发区调研利用外资工作。韩志明一行先后来到一家德资汽车零部件企业和开发区外资企业服务中心，详细了解企业生产经营、增资扩产计划和外资项目服务保障等情况。",
         "韩志明指出，昆山开发区是全省利用外资的重要载体，要持续优化外资企业服务，推动更多外资企业增资扩产，为全省稳外资作出更大贡献。",
         "昆山市和开发区有关负责人陪同调研。",
     ]), group="nm16-b", edits=["near-miss", "two-leaders-one-zone"]))

# NM17 南通高新区 11月24日: the mayor on industry, a provincial S&T official on innovation
pair("nm17",
     add("nt-hitech", "2026-11-24-visit-mayor", "市长吴卫东来高新区调研工业经济运行", T("11-24 11:00"), html([
         "11月24日上午，市长吴卫东来南通高新区调研工业经济运行情况。吴卫东一行先后来到一家储能电池企业和一家汽车零部件企业，深入生产车间，详细了解企业订单、产能利用和用工等情况。",
         "吴卫东强调，要紧盯全年目标任务，加强重点企业运行调度，帮助企业拓市场、抢订单，推动工业经济在四季度保持稳定增长。",
         "市政府办公室、市工信局和高新区有关负责人陪同调研。",
     ]), group="nm17-a", edits=["near-miss", "two-leaders-one-zone"]),
     add("nt-hitech", "2026-11-24-visit-sti", "省科技厅副厅长李振华来高新区调研科技创新工作", T("11-24 16:30"), html([
         "11月24日下午，省科技厅副厅长李振华来南通高新区调研科技创新工作。李振华一行先后来到高新区科技创业园、一家医疗器械企业研发中心和公共算力中心，详细了解科技企业孵化、研发平台建设和科技成果转化等情况。",
         "李振华指出，高新区要坚持以创新驱动发展，加快集聚高水平研发机构和科技人才，不断提升科技型企业培育质效。",
         "市科技局和高新区有关负责人陪同调研。",
     ]), group="nm17-b", edits=["near-miss", "two-leaders-one-zone"]))


# ---------------------------------------------------------------------------
# the same leader visiting two different zones on consecutive days (same wording)
# ---------------------------------------------------------------------------

# NM18 南通日报: the party secretary in 南通高新区, then in 南通开发区
pair("nm18",
     add("nt-daily", "2026-11-11-a01-shen-hitech", "沈海涛调研南通高新区重大项目建设", T("11-11 07:00"), html([
         "本报讯（记者 陈晓雯）11月10日，市委书记沈海涛到南通高新区调研重大项目建设情况。他强调，要牢牢扭住项目建设“牛鼻子”，全力以赴推进重大项目建设，以项目建设的新成效支撑高质量发展。",
         "沈海涛一行先后来到新型储能电池系统项目、智能网联汽车零部件项目建设现场，详细了解项目建设进度和要素保障情况。他指出，高新区要围绕主导产业招引更多链主型项目，加快形成集群发展优势。",
         "市委常委、秘书长和高新区主要负责人陪同调研。",
     ]), group="nm18-a", edits=["near-miss", "one-leader-two-zones"]),
     add("nt-daily", "2026-11-12-a01-shen-etdz", "沈海涛调研南通开发区重大项目建设", T("11-12 07:00"), html([
         "本报讯（记者 陈晓雯）11月11日，市委书记沈海涛到南通开发区调研重大项目建设情况。他强调，要牢牢扭住项目建设“牛鼻子”，全力以赴推进重大项目建设，以项目建设的新成效支撑高质量发展。",
         "沈海涛一行先后来到即将投产的创新药生产基地、半导体封装基板项目建设现场，详细了解项目建设进度和要素保障情况。他指出，开发区要发挥开放平台优势，加大外资和重大产业项目招引力度，加快培育新的增长点。",
         "市委常委、秘书长和开发区主要负责人陪同调研。",
     ]), group="nm18-b", edits=["near-miss", "one-leader-two-zones"]))

# NM19 苏州日报: the party secretary in 苏州工业园区, then in 昆山开发区
pair("nm19",
     add("sz-daily", "2026-10-28-a01-lu-sip", "陆长青调研苏州工业园区科技创新工作", T("10-28 07:00"), html([
         "本报讯（记者 吴雨桐）10月27日，市委书记陆长青到苏州工业园区调研科技创新工作。他强调，要坚持把科技创新摆在更加突出的位置，加快构建具有全球竞争力的产业创新体系。",
         "陆长青先后来到园区一家纳米材料企业和一所高校研究院，了解企业技术攻关和科研成果转化情况。他指出，园区要发挥开放创新优势，集聚更多高端创新资源，在关键核心技术攻关上取得更大突破。",
         "市领导和苏州工业园区负责人陪同调研。",
     ]), group="nm19-a", edits=["near-miss", "one-leader-two-zones"]),
     add("sz-daily", "2026-10-29-a01-lu-kunshan", "陆长青调研昆山开发区科技创新工作", T("10-29 07:00"), html([
         "本报讯（记者 吴雨桐）10月28日，市委书记陆长青到昆山开发区调研科技创新工作。他强调，要坚持把科技创新摆在更加突出的位置，加快构建具有全球竞争力的产业创新体系。",
         "陆长青先后来到开发区一家光电显示企业和一家工业机器人企业，了解企业研发投入和新产品开发情况。他指出，开发区要推动传统产业智能化改造，加快培育新质生产力，在产业科技创新上走在前列。",
         "市领导和昆山市、昆山开发区负责人陪同调研。",
     ]), group="nm19-b", edits=["near-miss", "one-leader-two-zones"]))

# NM20 交汇点 (province portal, no zone): the executive vice-governor in 无锡高新区, then
# in 江阴高新区; the titles differ in two characters
pair("nm20",
     add("jhd-portal", "2026-11-19-ma-wuxi", "马宏伟在无锡高新区调研时强调 加快打造具有国际竞争力的集成电路产业集群", T("11-19 20:00"), html([
         "11月19日，省委常委、常务副省长马宏伟到无锡高新区调研集成电路产业发展情况。他先后来到一家晶圆制造企业、一家芯片设计企业和集成电路公共服务平台，与企业负责人深入交流。",
         "马宏伟强调，要抢抓产业发展机遇，强化产业链上下游协同，加快突破关键核心技术，打造具有国际竞争力的集成电路产业集群。",
         "无锡市有关负责人陪同调研。",
     ]), group="nm20-a", edits=["near-miss", "one-leader-two-zones"]),
     add("jhd-portal", "2026-11-20-ma-jiangyin", "马宏伟在江阴高新区调研时强调 加快打造具有国际竞争力的新材料产业集群", T("11-20 19:30"), html([
         "11月20日，省委常委、常务副省长马宏伟到江阴高新区调研新材料产业发展情况。他先后来到一家特钢企业、一家高端合金材料企业和新材料中试基地，与企业负责人深入交流。",
         "马宏伟强调，要抢抓产业发展机遇，强化产业链上下游协同，加快突破关键核心技术，打造具有国际竞争力的新材料产业集群。",
         "无锡市和江阴市有关负责人陪同调研。",
     ]), group="nm20-b", edits=["near-miss", "one-leader-two-zones"]))


# ---------------------------------------------------------------------------
# monthly / cumulative reports for different periods from one template
# ---------------------------------------------------------------------------

def xw_month(cum, v):
    return html([
        f"{cum}，新吴区（无锡高新区）经济运行总体平稳、稳中有进。",
        f"工业生产方面，全区实现规模以上工业总产值{v[0]}亿元，同比增长{v[1]}%；规上工业增加值同比增长{v[2]}%。其中，集成电路产业产值同比增长{v[3]}%。",
        f"投资方面，全区完成固定资产投资同比增长{v[4]}%，其中工业投资增长{v[5]}%，高技术产业投资增长{v[6]}%。",
        f"消费和外贸方面，实现社会消费品零售总额{v[7]}亿元，增长{v[8]}%；外贸进出口总额{v[9]}亿元，增长{v[10]}%。",
        f"财政方面，完成一般公共预算收入{v[11]}亿元，增长{v[12]}%。",
    ])


# NM21 无锡高新区: 9月份 vs. 10月份 economic figures
pair("nm21",
     add("wx-hitech", "2026-10-20-economy-sep", "2026年9月份新吴区经济运行情况", T("10-20 16:00"),
         xw_month("1—9月", ["4986.3", "7.8", "8.1", "12.4", "5.6", "9.3", "14.2", "312.7", "4.9", "1987.5", "6.3", "168.2", "3.7"]),
         group="nm21-a", edits=["near-miss", "period-report"]),
     add("wx-hitech", "2026-11-18-economy-oct", "2026年10月份新吴区经济运行情况", T("11-18 16:00"),
         xw_month("1—10月", ["5542.7", "7.6", "7.9", "12.9", "5.4", "9.0", "13.8", "349.1", "5.0", "2214.6", "6.1", "186.5", "3.9"]),
         group="nm21-b", edits=["near-miss", "period-report"]))


def bl_trade(period, v):
    return html([
        f"据海关统计，{period}，北仑区（宁波开发区）实现外贸进出口总额{v[0]}亿元，同比增长{v[1]}%。其中，出口{v[2]}亿元，增长{v[3]}%；进口{v[4]}亿元，增长{v[5]}%。",
        f"从贸易方式看，一般贸易进出口{v[6]}亿元，占全区外贸总额的{v[7]}%。从主要市场看，对欧盟、东盟、美国分别进出口{v[8]}亿元、{v[9]}亿元和{v[10]}亿元。",
        f"从商品结构看，机电产品出口{v[11]}亿元，增长{v[12]}%，占出口总额的{v[13]}%；汽车零部件出口增长{v[14]}%。",
    ])


# NM22 宁波开发区: 1—9月 vs. 1—10月 foreign trade
pair("nm22",
     add("nb-etdz", "2026-10-21-trade-jan-sep", "2026年1—9月北仑区（宁波开发区）外贸进出口情况", T("10-21 15:00"),
         bl_trade("1—9月", ["2268.4", "6.9", "1402.1", "8.2", "866.3", "4.8", "1651.0", "72.8", "412.6", "298.3", "356.9", "835.7", "9.6", "59.6", "15.3"]),
         group="nm22-a", edits=["near-miss", "period-report"]),
     add("nb-etdz", "2026-11-20-trade-jan-oct", "2026年1—10月北仑区（宁波开发区）外贸进出口情况", T("11-20 15:00"),
         bl_trade("1—10月", ["2529.8", "7.1", "1566.4", "8.5", "963.4", "4.9", "1843.2", "72.9", "459.0", "333.7", "397.2", "934.1", "9.8", "59.6", "15.8"]),
         group="nm22-b", edits=["near-miss", "period-report"]))


def drc_progress(m, v):
    return html([
        f"截至{m}月底，今年省级重大项目累计完成投资{v[0]}亿元，占年度计划的{v[1]}%，超序时进度{v[2]}个百分点。",
        f"{m}月份，全省新开工省级重大项目{v[3]}个，累计新开工{v[4]}个，开工率{v[5]}%；竣工投产项目{v[6]}个，累计竣工{v[7]}个。",
        f"分领域看，先进制造业项目累计完成投资{v[8]}亿元，占比{v[9]}%；重大基础设施项目累计完成投资{v[10]}亿元，同比增长{v[11]}%。",
        "下一步，各地要聚焦年度目标任务，加快推进未开工项目开工建设，推动在建项目形成更多实物工作量。",
    ])


# NM23 江苏省发改委: 9月份 vs. 10月份 progress of major projects
pair("nm23",
     add("js-drc", "2026-10-16-major-projects-sep", "2026年9月份全省重大项目建设进展情况", T("10-16 10:00"),
         drc_progress(9, ["5612", "86.3", "11.3", "14", "198", "89.6", "9", "41", "3378", "60.2", "1426", "7.4"]),
         group="nm23-a", edits=["near-miss", "period-report"]),
     add("js-drc", "2026-11-16-major-projects-oct", "2026年10月份全省重大项目建设进展情况", T("11-16 10:00"),
         drc_progress(10, ["6247", "96.1", "12.8", "11", "209", "94.6", "7", "48", "3771", "60.4", "1579", "7.9"]),
         group="nm23-b", edits=["near-miss", "period-report"]))


def ks_industry(m, cum, v):
    return html([
        f"{cum}，昆山开发区实现规上工业总产值{v[0]}亿元，同比增长{v[1]}%；其中{m}月份完成产值{v[2]}亿元，同比增长{v[3]}%。",
        f"分行业看，电子信息产业产值{v[4]}亿元，增长{v[5]}%；装备制造产业产值{v[6]}亿元，增长{v[7]}%；新能源汽车零部件产业产值增长{v[8]}%。",
        f"规上工业企业实现营业收入{v[9]}亿元，利润总额{v[10]}亿元，同比分别增长{v[11]}%和{v[12]}%。",
    ])


# NM24 昆山开发区: 9月份 vs. 10月份 industrial indicators
pair("nm24",
     add("ks-etdz", "2026-10-22-industry-sep", "昆山开发区2026年9月份规上工业主要经济指标", T("10-22 16:00"),
         ks_industry(9, "1—9月", ["4127.6", "5.8", "486.2", "6.9", "2603.4", "5.1", "802.5", "7.7", "24.6", "4386.0", "203.5", "5.5", "8.2"]),
         group="nm24-a", edits=["near-miss", "period-report"]),
     add("ks-etdz", "2026-11-21-industry-oct", "昆山开发区2026年10月份规上工业主要经济指标", T("11-21 16:00"),
         ks_industry(10, "1—10月", ["4598.3", "5.9", "470.7", "6.4", "2901.2", "5.3", "894.1", "7.5", "25.1", "4881.7", "226.9", "5.6", "8.4"]),
         group="nm24-b", edits=["near-miss", "period-report"]))


# ===========================================================================
# STANDALONE items: neither reposted nor templated
# ===========================================================================

add("js-commerce", "2026-11-05-japan-exchange", "2026中日（江苏）经贸合作交流会在南京举行", T("11-05 11:00"), html([
    "11月4日，2026中日（江苏）经贸合作交流会在南京举行。来自日本的120余家企业和机构代表与我省150余家企业开展交流洽谈。",
    "交流会上，省商务厅介绍了江苏开放型经济发展情况和对日合作重点领域。会议期间共签约项目16个，涉及汽车零部件、精密机械、医疗健康等领域，总投资约9.8亿美元。",
    "据统计，日本是江苏重要的外资来源地和贸易伙伴，截至目前日本在江苏累计投资项目超过1.2万个。",
]), group="solo-js-japan-exchange", edits=["standalone"])

add("nb-daily", "2026-10-09-a01-port-sep", "宁波舟山港9月集装箱吞吐量同比增长9.6%", T("10-09 07:00"), html([
    "本报讯（记者 王海燕）记者从宁波舟山港集团获悉，9月份宁波舟山港完成集装箱吞吐量360.5万标准箱，同比增长9.6%，单月吞吐量创历史同期新高。",
    "今年前三季度，宁波舟山港累计完成集装箱吞吐量3116万标准箱，同比增长8.1%。新开通集装箱航线12条，航线总数达到310条。",
    "港口相关负责人表示，四季度将持续优化船舶靠泊计划，提升码头作业效率，全力保障外贸运输需求。",
]), group="solo-nb-port", edits=["standalone"])

add("nj-daily", "2026-10-21-a06-talent-housing", "江北新区首个人才安居社区交付使用", T("10-21 07:00"), html([
    "本报讯（记者 刘畅）10月20日，南京江北新区首个人才安居社区正式交付使用，首批1200套人才公寓向新区重点企业人才开放配租。",
    "该社区位于新区中央商务区北侧，总建筑面积约15万平方米，配套建设了幼儿园、社区卫生服务站、健身中心和共享办公空间。人才公寓租金按照市场价格的六折确定。",
    "据了解，江北新区计划到2028年累计筹集人才安居房源2万套。",
]), group="solo-nj-talent-housing", edits=["standalone"])

add("wx-gov", "2026-11-20-low-altitude-plan", "无锡市出台推动低空经济高质量发展实施方案", T("11-20 16:00"), html([
    "11月20日，无锡市政府办公室印发《无锡市推动低空经济高质量发展实施方案（2026—2028年）》。方案提出，到2028年全市低空经济相关产业规模突破500亿元，建成通用机场2个、各类起降点200个以上。",
    "方案明确了完善低空基础设施、培育低空制造产业集群、拓展低空应用场景等四方面14项重点任务。其中，将重点发展电动垂直起降飞行器、工业级无人机整机及关键零部件。",
    "在应用场景方面，无锡将有序开通城市空中交通航线，推进无人机在物流配送、应急救援、城市治理等领域的规模化应用。",
]), group="solo-wx-low-altitude", edits=["standalone"])

add("sz-wechat", "2026-11-06-music-market", "周末去哪儿｜金鸡湖畔秋日音乐市集来了", T("11-06 18:00"), wechat(html([
    "11月8日至9日，“金鸡湖秋日音乐市集”将在园区金鸡湖城市广场举办。本次市集设置音乐舞台、文创市集和美食街区三大板块，共有40余支乐队和80多家文创商户参加。",
    "活动期间每天14:00至21:00开放，市民游客可免费入场。园区交通部门提醒，活动期间周边道路车流量较大，建议市民乘坐轨道交通1号线前往。",
]), "苏州工业园区文体旅局", "沈悦", "陶然", hook="🎵"), group="solo-sip-music-market", edits=["standalone"])

add("jy-daily", "2026-11-15-sports-meet", "江阴高新区首届职工运动会开幕", T("11-15 07:00"), html([
    "本报讯（记者 缪清 通讯员 周晓东）11月14日，江阴高新区首届职工运动会在高新区体育中心开幕，来自区内56家企业的1200余名职工参加比赛。",
    "本届运动会为期两周，设置篮球、羽毛球、拔河、跳绳等9个比赛项目。高新区总工会相关负责人表示，举办职工运动会旨在丰富企业职工的业余文化生活，增强企业凝聚力。",
]), group="solo-jy-sports-meet", edits=["standalone"])


# ===========================================================================
# checks and output
# ===========================================================================

REQUIRED_EDITS = [
    "joined-paragraphs", "split-paragraphs", "brief-first-paragraph", "brief-two-sentences",
    "photo-captions", "benbao-opening", "wechat-frame", "edited-first-sentence",
    "same-title-reflowed", "link-variant", "number-led-headline", "same-document",
]


def text_of(item):
    return re.sub(r"<[^>]+>", "", item["content"] or "") + (item["summary"] or "")


def check():
    ids = [i["id"] for i in ITEMS]
    assert len(ids) == len(set(ids)), [x for x, n in Counter(ids).items() if n > 1]
    by_id = {i["id"]: i for i in ITEMS}
    groups = defaultdict(list)
    for i in ITEMS:
        assert i["source"] in SOURCES, i["id"]
        assert i["id"].startswith(i["source"] + ":"), i["id"]
        assert re.fullmatch(r"2026-1[01]-\d\dT\d\d:\d\d:00\+08:00", i["published"]), i["published"]
        assert i["content"] or i["summary"], i["id"]
        assert i["summary"] is None or "<" not in i["summary"], i["id"]
        assert i["link"].startswith(("http://", "https://")), i["id"]
        assert i["edits"], i["id"]
        if i["zone"]:
            zr = ZONE_REGION[i["zone"]]
            assert zr == i["region"] or REGION_PARENT.get(zr) == i["region"], i["id"]
        groups[i["group"]].append(i)
    for a, b in NEAR_MISSES:
        assert a in by_id and b in by_id, (a, b)
        assert by_id[a]["group"] != by_id[b]["group"], (a, b)
    for g, its in groups.items():
        if g.startswith("g"):
            assert len(its) >= 2, g
            times = sorted(i["published"] for i in its)
            assert times[0][:10] <= times[-1][:10]
            originals = [i for i in its if "original" in i["edits"]]
            assert len(originals) == 1, g
            o = originals[0]
            paras = re.findall(r"<p>(.*?)</p>", o["content"])
            n = len(text_of(o))
            assert 3 <= len(paras) <= 6 and 150 <= n <= 600, (g, len(paras), n)
        else:
            assert len(its) == 1, g
    links = [i["link"] for i in ITEMS]
    assert len(links) == len(set(links))
    for tag in REQUIRED_EDITS:
        gs = {i["group"] for i in ITEMS if tag in i["edits"]}
        assert len(gs) >= 2 or tag == "same-document" and len(gs) >= 1, (tag, gs)
    return groups


def main():
    groups = check()
    about = (
        "Blind labelled set for story detection, written by build_blind.py in a helper "
        "session that had not read src/stories/, build_labelled.py or labelled.json's texts. "
        "All texts invented; October and November 2026, Beijing time. Two items are one "
        "story exactly when their group values are equal; near_misses lists pairs that must "
        "stay apart."
    )
    items = sorted(ITEMS, key=lambda i: (i["published"], i["id"]))
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"about": about, "sources": SOURCES, "items": items, "near_misses": NEAR_MISSES},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")

    repost = {g: its for g, its in groups.items() if g.startswith("g")}
    nm_ids = {x for p in NEAR_MISSES for x in p}
    standalone = [i for i in ITEMS if i["group"].startswith("solo-")]
    copies = sum(len(its) - 1 for its in repost.values())
    print(f"wrote {os.path.relpath(OUT)}")
    print(f"items: {len(ITEMS)}")
    print(f"repost groups: {len(repost)} ({sum(len(v) for v in repost.values())} items, {copies} copies)")
    print(f"near-miss pairs: {len(NEAR_MISSES)} ({len(nm_ids)} distinct items, "
          f"{len([x for x in nm_ids if by_group(x, groups)])} of them in repost groups)")
    print(f"standalone: {len(standalone)}")
    print(f"sources: {len(SOURCES)}")
    tags = Counter(t for i in ITEMS for t in i["edits"])
    print("edit tags (items / groups):")
    for t, n in sorted(tags.items(), key=lambda x: (-x[1], x[0])):
        gs = len({i["group"] for i in ITEMS if t in i["edits"]})
        print(f"  {t:26s} {n:3d} / {gs}")
    zones = Counter(i["zone"] for i in ITEMS)
    print("zones:", dict(sorted(zones.items(), key=lambda x: str(x[0]))))


def by_group(item_id, groups):
    g = next(i["group"] for i in ITEMS if i["id"] == item_id)
    return g.startswith("g")


if __name__ == "__main__":
    main()
