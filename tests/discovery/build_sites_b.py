#!/usr/bin/env python3
"""Build the blind labelled discovery sites b01..b10 (helper B).

Usage:  python3 tests/discovery/build_sites_b.py          # build + validate
        python3 tests/discovery/build_sites_b.py --check  # validate only

Every page is written from Python templates that imitate a real Chinese
government / development-zone CMS (DedeCMS, PHPCMS, Jeecms, WordPress,
SiteFactory, TRS 政府信息公开, Vue-SSR, custom ASP.NET, JSON / JSONP APIs).
Pages declared GB2312 / GBK / GB18030 are written as real GB bytes.

Labels in site.json are the hand-written truth from the data tables below
(titles, links as the page writes them resolved against the page URL, dates
as the list shows them, article first/last body text).

Only folders named b01-* .. b10-* under tests/discovery/sites/ are touched.
"""
import html
import json
import os
import re
import shutil
import sys
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

HERE = Path(__file__).resolve().parent
SITES_DIR = HERE / "sites"
AUTHOR = "helper B (blind)"
CST = timezone(timedelta(hours=8))

# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def esc(s):
    """Escape for HTML text and attribute values."""
    return html.escape(s, quote=True)


def iso(when):
    """'2022-10-11 09:30' -> '2022-10-11T09:30:00+08:00'; '2022-10-11' stays."""
    when = when.strip()
    if len(when) == 10:
        return when
    fmt = "%Y-%m-%d %H:%M:%S" if when.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(when, fmt).replace(tzinfo=CST).isoformat()


def epoch_ms(when):
    fmt = "%Y-%m-%d %H:%M:%S" if when.count(":") == 2 else "%Y-%m-%d %H:%M"
    return int(datetime.strptime(when, fmt).replace(tzinfo=CST).timestamp() * 1000)


def resolve(page_path, href):
    """Resolve href against the page path the way a browser would, and give
    a root-relative path(+query) for our host, or the full URL otherwise."""
    base = "http://fixture.invalid" + page_path
    u = urljoin(base, html.unescape(href).strip())
    p = urlsplit(u)
    if p.netloc == "fixture.invalid":
        return p.path + (("?" + p.query) if p.query else "")
    return u


def cut_gbk(title, max_bytes=60, dots="…"):
    """PHPCMS str_cut(): cut by GBK byte length and append dots."""
    if len(title.encode("gbk")) <= max_bytes:
        return title
    out, n = "", 0
    limit = max_bytes - len(dots.encode("gbk"))
    for ch in title:
        b = len(ch.encode("gbk"))
        if n + b > limit:
            break
        out += ch
        n += b
    return out + dots


def first_chars(s, n=20):
    return s.strip("\u3000 \t\r\n\xa0")[:n]


def last_chars(s, n=20):
    return s.strip("\u3000 \t\r\n\xa0")[-n:]


# ---------------------------------------------------------------------------
# Site container
# ---------------------------------------------------------------------------


class Site:
    def __init__(self, sid, style):
        self.sid = sid
        self.style = style
        self.pages = []
        self.files = {}

    def add(self, path, file, text, kind, label, enc="utf-8",
            ctype="text/html; charset=utf-8", gbk_beyond_gb2312=False):
        if file in self.files:
            raise SystemExit(f"{self.sid}: duplicate file {file}")
        if any(p["path"] == path for p in self.pages):
            raise SystemExit(f"{self.sid}: duplicate path {path}")
        if enc == "gb2312" and not gbk_beyond_gb2312:
            # chars outside GB2312 (e.g. 碁 in 芯碁微装) become &#NNNNN; as old
            # GB2312 CMSes store them
            data = text.encode("gb2312", errors="xmlcharrefreplace")
            # browsers decode the gb2312 label with the GBK/GB18030 decoder
            if data.decode("gb18030") != data.decode("gb2312"):
                raise SystemExit(f"{self.sid}:{file}: gb2312 round trip differs")
        elif enc == "gb2312" and gbk_beyond_gb2312:
            data = text.encode("gbk")
            try:
                text.encode("gb2312")
            except UnicodeEncodeError:
                pass
            else:
                raise SystemExit(f"{self.sid}:{file}: meant to hold GBK-only chars")
        elif enc == "gbk":
            data = text.encode("gbk")
        elif enc == "gb18030":
            data = text.encode("gb18030")
        else:
            data = text.encode("utf-8")
        self.files[file] = data
        self.pages.append({"path": path, "file": file, "content_type": ctype,
                           "kind": kind, "label": label})

    def write(self):
        d = SITES_DIR / self.sid
        if d.exists():
            shutil.rmtree(d)
        for f, data in self.files.items():
            fp = d / f
            fp.parent.mkdir(parents=True, exist_ok=True)
            fp.write_bytes(data)
        doc = {"site": self.sid, "style": self.style, "written": "blind",
               "author": AUTHOR, "pages": self.pages}
        (d / "site.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# shared page furniture (distractors)
# ---------------------------------------------------------------------------

GOV_LINKS = [
    ("中国政府网", "http://www.gov.cn/"),
    ("国家发展和改革委员会", "https://www.ndrc.gov.cn/"),
    ("商务部", "http://www.mofcom.gov.cn/"),
    ("科学技术部", "https://www.most.gov.cn/"),
    ("工业和信息化部", "https://www.miit.gov.cn/"),
    ("自然资源部", "https://www.mnr.gov.cn/"),
    ("生态环境部", "https://www.mee.gov.cn/"),
    ("国家税务总局", "https://www.chinatax.gov.cn/"),
    ("国家市场监督管理总局", "https://www.samr.gov.cn/"),
    ("中国开发区网", "http://www.cadz.org.cn/"),
    ("国家统计局", "http://www.stats.gov.cn/"),
    ("人力资源和社会保障部", "http://www.mohrss.gov.cn/"),
]


def article_paras_html(paras, style, img=None, img_at=None, caption=None):
    """Render body paragraphs in one of several editor styles."""
    out = []
    for i, p in enumerate(paras):
        if img and img_at == i:
            out.append(f'<p style="text-align: center;"><img src="{img}" alt="" '
                       f'style="max-width:100%;" border="0" /></p>')
            if caption:
                out.append(f'<p style="text-align: center;">{caption}</p>')
        if style == "dede":
            out.append(f"<p>\u3000\u3000{p}</p>")
        elif style == "indent":
            out.append(f'<p style="text-indent:2em;">{p}</p>')
        elif style == "ueditor":
            out.append('<p style="text-indent: 2em; line-height: 2em; margin-bottom: 10px;">'
                       '<span style="font-family: 仿宋_GB2312, 仿宋; font-size: 16pt;">'
                       f"{p}</span></p>")
        elif style == "nbsp":
            out.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{p}</p>")
        elif style == "trs":
            out.append(f'<p align="justify" style="text-indent: 2em;">{p}</p>')
        elif style == "font":
            out.append(f'<p style="text-indent:2em;line-height:180%"><font size="3">{p}</font></p>')
        else:
            out.append(f"<p>{p}</p>")
    return "\n".join(out)


def article_label(a, source=None):
    starts = a.get("starts") or first_chars(a["paras"][0])
    ends = a.get("ends") or last_chars(a["paras"][-1])
    return {"title": a["title"], "published": iso(a["when"]),
            "source": a.get("source") if source is None else source,
            "body_starts": starts, "body_ends": ends,
            "not_in_body": a.get("not_in_body", [])}


# ===========================================================================
# b01  DedeCMS (织梦) — 合肥经开区 — GB2312, served text/html without charset
# ===========================================================================

B01_P1 = [
    (1236, "2022-10-11", "合肥经开区召开2022年第三季度经济运行分析会"),
    (1234, "2022-10-10", "经开区举办“专精特新”中小企业培育专题培训会"),
    (1229, "2022-10-09", "合肥经开区12个重点项目集中签约 总投资超120亿元"),
    (1225, "2022-10-08", "江淮汽车新能源乘用车产能提升项目开工建设"),
    (1224, "2022-10-08", "经开区开展安全生产大检查“回头看”专项行动"),
    (1219, "2022-09-30", "经开区党工委召开理论学习中心组学习会"),
    (1216, "2022-09-29", "合肥经开区获评全省营商环境评价优秀开发区"),
    (1213, "2022-09-28", "经开区举办2022年秋季人才招聘会 提供岗位3200余个"),
    (1210, "2022-09-27", "经开区深入推进“双招双引”工作 前三季度新签约项目86个"),
    (1207, "2022-09-26", "经开区召开疫情防控工作调度会"),
    (1205, "2022-09-24", "芯碁微装二期项目主体结构顺利封顶"),
    (1202, "2022-09-23", "经开区举办2022年国家网络安全宣传周系列活动"),
    (1199, "2022-09-22", "合肥经开区与中国科大先进技术研究院签署战略合作协议"),
    (1196, "2022-09-21", "经开区公示2022年度“亩均效益”评价结果"),
    (1192, "2022-09-20", "经开区召开河湖长制工作推进会"),
]
B01_P2 = [
    (1188, "2022-09-19", "经开区部署国庆节前安全生产检查工作"),
    (1185, "2022-09-17", "经开区举办首届“经开杯”创新创业大赛决赛"),
    (1180, "2022-09-16", "合肥经开区新能源汽车产业链招商推介会在上海举行"),
    (1177, "2022-09-15", "经开区召开2022年征兵工作推进会"),
    (1175, "2022-09-14", "联宝科技荣获“安徽省制造业高端品牌培育企业”称号"),
    (1171, "2022-09-13", "经开区开展“全民国家安全教育”进社区活动"),
    (1168, "2022-09-09", "经开区举行庆祝第38个教师节表彰大会"),
    (1166, "2022-09-08", "经开区集中开工10个重大项目"),
    (1161, "2022-09-07", "经开区召开“四送一服”双千工程推进会"),
    (1158, "2022-09-06", "合肥经开区2家企业入选国家级专精特新“小巨人”名单"),
    (1155, "2022-09-05", "经开区开展垃圾分类宣传进小区活动"),
    (1151, "2022-09-02", "经开区召开2022年秋季开学工作会议"),
    (1149, "2022-09-01", "经开区举行新招录干部入职培训班开班仪式"),
    (1146, "2022-09-01", "经开区高新技术企业认定申报工作启动"),
    (1142, "2022-08-31", "经开区召开8月份重点工作调度会"),
]

B01_ARTICLES = {
    1236: dict(when="2022-10-11 09:30", source="合肥经开区经贸发展局", author="张伟", paras=[
        "10月11日上午，合肥经开区召开2022年第三季度经济运行分析会，总结前三季度经济运行情况，分析当前面临的形势，部署四季度重点工作。区党工委、管委会主要负责同志出席会议并讲话。",
        "会议通报，前三季度，全区规模以上工业增加值同比增长8.6%，固定资产投资同比增长12.3%，实际利用外资4.2亿美元，主要经济指标保持稳中有进态势。",
        "会议指出，四季度是全年目标任务冲刺的关键期，各部门要对照年度目标逐项对账，紧盯重点企业、重点项目，强化要素保障，全力以赴稳增长、促投资、保就业。",
        "会议要求，要坚持统筹疫情防控和经济社会发展，持续优化营商环境，深入开展“四送一服”活动，帮助企业解决实际困难，确保完成全年各项目标任务。",
    ]),
    1229: dict(when="2022-10-09 16:45", source="合肥经开区投资促进局", author="李明", paras=[
        "10月9日下午，合肥经开区举行2022年第四批重点项目集中签约仪式，12个项目现场签约，总投资超120亿元，涵盖新能源汽车、集成电路、高端装备制造、生物医药等领域。",
        "此次签约项目质量高、带动性强。其中，新能源汽车零部件项目5个，总投资48亿元；集成电路及配套项目3个，总投资37亿元；高端装备及生物医药项目4个，总投资36亿元。",
        "签约仪式上，经开区相关负责同志表示，将以最优的服务、最快的速度推动签约项目早落地、早开工、早投产，为企业发展提供全周期、全方位的要素保障。",
    ], img="/uploads/allimg/221009/1-221009164A1593.jpg", img_at=2, caption="签约仪式现场"),
    1225: dict(when="2022-10-08 10:20", source="经开区融媒体中心", author="王芳", paras=[
        "10月8日，江淮汽车新能源乘用车产能提升项目在合肥经开区开工建设。该项目总投资约35亿元，建成后将新增新能源乘用车年产能20万辆。",
        "项目位于经开区繁华大道以南、始信路以东，规划建设冲压、焊装、涂装、总装四大工艺车间及配套设施，计划2023年底建成投产。",
        "近年来，经开区围绕新能源汽车产业链精准招商、延链补链，已集聚整车及关键零部件企业百余家，新能源汽车产业集群加速成势。",
    ]),
    1188: dict(when="2022-09-19 15:02", source="经开区应急管理局", author="陈晨", paras=[
        "9月19日，经开区召开国庆节前安全生产工作部署会，对节前安全生产大检查工作进行动员部署。",
        "会议要求，各单位要聚焦危险化学品、建筑施工、消防、燃气、道路交通等重点行业领域，全面排查整治各类风险隐患，对检查发现的问题建立台账、限期整改、逐项销号。",
        "会后，经开区成立5个督查组，由区领导带队深入企业、工地、商场等人员密集场所开展督导检查，确保节日期间安全形势稳定。",
    ]),
    1180: dict(when="2022-09-16 11:40", source="合肥经开区投资促进局", author="刘洋", paras=[
        "9月16日，合肥经开区新能源汽车产业链招商推介会在上海举行，来自长三角地区的80余家企业代表参加推介会。",
        "推介会上，经开区相关负责同志从区位交通、产业基础、创新资源、政策支持等方面全面推介了经开区投资环境，并围绕新能源汽车“三电”系统、智能网联等重点方向发出合作邀请。",
        "活动现场，6个项目签约落户经开区，总投资约28亿元。",
    ]),
}


def b01_url(aid, date):
    y, m, d = date.split("-")
    return f"/a/xinwen/{y}/{m}{d}/{aid}.html"


def b01_shell(title, body, keywords="合肥经开区,新闻动态"):
    nav = [
        ("主页", "/", []),
        ("走进经开", "/a/zoujin/", [("经开概况", "/a/zoujin/gaikuang/"), ("领导之窗", "/a/zoujin/lingdao/"),
                                    ("机构设置", "/a/zoujin/jigou/"), ("发展规划", "/a/zoujin/guihua/"),
                                    ("区位交通", "/a/zoujin/quwei/")]),
        ("新闻动态", "/a/xinwen/", [("经开要闻", "/a/xinwen/"), ("部门动态", "/a/bumen/"),
                                    ("媒体聚焦", "/a/meiti/"), ("图片新闻", "/a/tupian/")]),
        ("政务公开", "/a/zwgk/", [("通知公告", "/a/zwgk/tzgg/"), ("政策文件", "/a/zwgk/zcwj/"),
                                  ("人事信息", "/a/zwgk/rsxx/"), ("财政资金", "/a/zwgk/czzj/"),
                                  ("规划计划", "/a/zwgk/ghjh/")]),
        ("招商引资", "/a/zhaoshang/", [("投资环境", "/a/zhaoshang/huanjing/"), ("产业布局", "/a/zhaoshang/chanye/"),
                                      ("优惠政策", "/a/zhaoshang/zhengce/"), ("招商项目", "/a/zhaoshang/xiangmu/"),
                                      ("投资指南", "/a/zhaoshang/zhinan/")]),
        ("企业服务", "/a/qiye/", [("政策兑现", "/a/qiye/duixian/"), ("人才服务", "/a/qiye/rencai/"),
                                  ("科技创新", "/a/qiye/keji/"), ("金融服务", "/a/qiye/jinrong/")]),
        ("党建园地", "/a/dangjian/", [("党建动态", "/a/dangjian/dongtai/"), ("廉政建设", "/a/dangjian/lianzheng/"),
                                      ("学习园地", "/a/dangjian/xuexi/")]),
        ("互动交流", "/a/hudong/", [("主任信箱", "/plus/guestbook.php"), ("在线咨询", "/a/hudong/zixun/"),
                                    ("网上调查", "/plus/vote.php"), ("常见问题", "/a/hudong/faq/")]),
    ]
    nav_html = []
    for name, href, subs in nav:
        cls = " class='hover'" if name == "新闻动态" else ""
        sub = ""
        if subs:
            sub = "<ul class=\"sub\">" + "".join(
                f"<li><a href='{h}'>{n}</a></li>" for n, h in subs) + "</ul>"
        nav_html.append(f"<li{cls}><a href='{href}'><span>{name}</span></a>{sub}</li>")
    flinks = GOV_LINKS + [("安徽省人民政府", "http://www.ah.gov.cn/"), ("合肥市人民政府", "http://www.hefei.gov.cn/"),
                          ("合肥高新区", "http://gxq.hefei.gov.cn/"), ("合肥新站高新区", "http://xzq.hefei.gov.cn/"),
                          ("安徽省商务厅", "http://commerce.ah.gov.cn/")]
    flink_html = "\n".join(f"<li><a href='{u}' target='_blank'>{n}</a></li>" for n, u in flinks)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}</title>
<meta name="keywords" content="{keywords}" />
<meta name="description" content="合肥经济技术开发区管理委员会官方网站" />
<link href="/templets/jingkai/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
<script language="javascript" type="text/javascript" src="/templets/jingkai/js/jquery.min.js"></script>
</head>
<body class="articlelist">
<div class="header_top">
  <div class="w960 center">
    <span id="time" class="time">今天是：<script type="text/javascript">var d=new Date();document.write(d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日");</script></span>
    <div class="toplinks"><a href="javascript:void(0)" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage(location.href);">设为首页</a> | <a href="javascript:void(0)" onclick="window.external.addFavorite(location.href,'合肥经开区');">加入收藏</a> | <a href="/a/wza/">无障碍浏览</a> | <a href="/en/">English</a></div>
  </div>
</div>
<div class="header">
  <div class="top w960 center">
    <div class="title"><h1><a href="/"><img src="/templets/jingkai/images/logo.gif" height="80" width="420" alt="合肥经济技术开发区" /></a></h1></div>
    <div class="search"><form name="formsearch" action="/plus/search.php"><input type="hidden" name="kwtype" value="0" /><input name="q" type="text" class="search-keyword" id="search-keyword" value="在这里搜索..." /><button type="submit" class="search-submit">搜索</button></form></div>
  </div>
  <div class="module blue mT10 wrapper w963">
    <div class="top"><div id="navMenu"><ul>
{chr(10).join(nav_html)}
    </ul></div></div>
  </div>
</div>
{body}
<div class="flink w960 center clear">
  <dl class="tbox"><dt><strong>友情链接</strong></dt>
  <dd><ul class="f6">
{flink_html}
  </ul></dd></dl>
</div>
<div class="footer w960 center mt1 clear">
  <div class="footer_body">
    <p class="powered">主办单位：合肥经济技术开发区管理委员会 &nbsp;&nbsp; 承办单位：合肥经济技术开发区党政办公室<br />
    地址：合肥市经济技术开发区繁华大道与莲花路交口 &nbsp; 邮编：230601 &nbsp; 电话：0551-63679001<br />
    <a href="https://beian.miit.gov.cn/" target="_blank">皖ICP备05012345号-1</a> &nbsp; 网站标识码：3401000023 &nbsp;
    <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34019102000456" target="_blank"><img src="/templets/jingkai/images/gongan.png" />皖公网安备 34019102000456号</a><br />
    Copyright &copy; 2022 合肥经济技术开发区管理委员会 All Rights Reserved</p>
    <div class="jiucuo"><script id="_jiucuo_" sitecode="3401000023" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></div>
  </div>
</div>
</body>
</html>
"""


def b01_sidebar():
    hot = [(1229, "2022-10-09"), (1216, "2022-09-29"), (1180, "2022-09-16"), (1236, "2022-10-11"),
           (1158, "2022-09-06"), (1213, "2022-09-28"), (1205, "2022-09-24"), (1166, "2022-09-08")]
    titles = {i: t for i, _, t in B01_P1 + B01_P2}
    hot_html = "\n".join(f"<li><a href=\"{b01_url(i, d)}\">{titles[i]}</a></li>" for i, d in hot)
    rec = [(1103, "2022-08-22", "经开区召开“大建设”项目推进会"), (1097, "2022-08-18", "经开区举办企业上市培训会"),
           (1090, "2022-08-15", "大众汽车（安徽）MEB工厂项目建设稳步推进"), (1082, "2022-08-10", "经开区开展夏季高温慰问一线职工活动"),
           (1075, "2022-08-05", "经开区召开人大代表座谈会"), (1069, "2022-08-02", "经开区发布2022年度第二批科技项目计划")]
    rec_html = "\n".join(
        f"<li><span>{d[5:]}</span><a href=\"{b01_url(i, d)}\" title=\"{t}\">{t}</a></li>" for i, d, t in rec)
    return f"""<div class="pright">
  <div class="commend mt1">
    <dl class="tbox light"><dt class="light"><strong>图片新闻</strong></dt>
    <dd class="light"><div class="picnews"><ul>
      <li><a href="{b01_url(1229, '2022-10-09')}" class="preview"><img src="/uploads/allimg/221009/1-221009164A1593-lp.jpg" alt="合肥经开区12个重点项目集中签约"/></a><a href="{b01_url(1229, '2022-10-09')}" class="title">合肥经开区12个重点项目集中签约</a></li>
      <li><a href="{b01_url(1205, '2022-09-24')}" class="preview"><img src="/uploads/allimg/220924/1-2209241010520-lp.jpg" alt="芯碁微装二期项目主体结构顺利封顶"/></a><a href="{b01_url(1205, '2022-09-24')}" class="title">芯碁微装二期项目主体结构顺利封顶</a></li>
    </ul></div></dd></dl>
  </div>
  <div class="hot mt1">
    <dl class="tbox light"><dt class="light"><strong>热点排行</strong></dt>
    <dd class="light"><ul class="c1 ico2">
{hot_html}
    </ul></dd></dl>
  </div>
  <div class="commend mt1">
    <dl class="tbox light"><dt class="light"><strong>推荐阅读</strong></dt>
    <dd class="light"><ul class="d4">
{rec_html}
    </ul></dd></dl>
  </div>
</div>"""


def b01_list(items, pageno, total_pages=4, total=56):
    lis = "\n".join(
        f"<li><a href=\"{b01_url(i, d)}\" title=\"{t}\" target=\"_blank\">{t}</a><span>{d}</span></li>"
        for i, d, t in items)
    pl = []
    pl.append("<li><a href='/a/xinwen/'>首页</a></li>" if pageno > 1 else "<li><a>首页</a></li>")
    if pageno > 1:
        prev = "/a/xinwen/" if pageno == 2 else f"list_3_{pageno - 1}.html"
        pl.append(f"<li><a href='{prev}'>上一页</a></li>")
    for n in range(1, total_pages + 1):
        if n == pageno:
            pl.append(f"<li class=\"thisclass\"><a>{n}</a></li>")
        else:
            pl.append(f"<li><a href='{'/a/xinwen/' if n == 1 else f'list_3_{n}.html'}'>{n}</a></li>")
    if pageno < total_pages:
        pl.append(f"<li><a href='list_3_{pageno + 1}.html'>下一页</a></li>")
    pl.append(f"<li><a href='list_3_{total_pages}.html'>末页</a></li>")
    pl.append(f"<li><span class=\"pageinfo\">共 <strong>{total_pages}</strong>页<strong>{total}</strong>条记录</span></li>")
    body = f"""<div class="w960 center clear mt1">
<div class="pleft">
  <div class="place">
    <strong>当前位置：</strong><a href='/'>首页</a> &gt; <a href='/a/xinwen/'>新闻动态</a> &gt;
  </div>
  <div class="listbox">
    <ul class="list">
{lis}
    </ul>
  </div>
  <div class="dede_pages">
    <ul class="pagelist">
      {''.join(pl)}
    </ul>
  </div>
</div>
{b01_sidebar()}
</div>"""
    return b01_shell("新闻动态_合肥经济技术开发区", body)


def b01_article(aid, date, title, a, prev, nxt):
    body_html = article_paras_html(a["paras"], "dede", a.get("img"), a.get("img_at"), a.get("caption"))
    intro = a["paras"][0][:60] + "..."
    body = f"""<div class="w960 center clear mt1">
<div class="pleft">
  <div class="place">
    <strong>当前位置：</strong><a href='/'>首页</a> &gt; <a href='/a/xinwen/'>新闻动态</a> &gt;
  </div>
  <div class="viewbox">
    <div class="title"><h2>{title}</h2></div>
    <div class="info"><small>时间:</small>{a['when']}<small>来源:</small>{a['source']} <small>作者:</small>{a['author']} <small>点击:</small><script src="/plus/count.php?view=yes&aid={aid}&mid=1" type='text/javascript' language="javascript"></script>次</div>
    <div class="intro">{intro}</div>
    <div class="content">
<table width='100%'><tr><td>
{body_html}
</td></tr></table>
    </div>
    <div class="boxoff"><strong>------分隔线----------------------------</strong></div>
    <div class="handle">
      <div class="context"><ul>
        <li>上一篇：<a href='{b01_url(*prev[:2])}'>{prev[2]}</a> </li>
        <li>下一篇：<a href='{b01_url(*nxt[:2])}'>{nxt[2]}</a> </li>
      </ul></div>
      <div class="actbox"><ul>
        <li id="act-fav"><a href="/plus/stow.php?aid={aid}" target="_blank">收藏</a></li>
        <li id="act-err"><a href="/plus/erraddsave.php?aid={aid}&title={title}" target="_blank">挑错</a></li>
        <li id="act-pus"><a href="/plus/recommend.php?aid={aid}" target="_blank">推荐</a></li>
        <li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li>
      </ul></div>
    </div>
  </div>
</div>
{b01_sidebar()}
</div>"""
    return b01_shell(f"{title}_合肥经济技术开发区", body, keywords=title)


def build_b01():
    s = Site("b01-dede-hefei-etdz", "DedeCMS")
    enc, ct = "gb2312", "text/html"
    s.add("/a/xinwen/", "a/xinwen/index.html", b01_list(B01_P1, 1), "list", {
        "items": [{"title": t, "link": b01_url(i, d), "date": d} for i, d, t in B01_P1],
        "next_page": "/a/xinwen/list_3_2.html",
        "notes": "DedeCMS list_3_N paging, relative list_3_2.html links; sidebar 图片新闻/热点排行/推荐阅读 link to the same articles"},
        enc, ct)
    s.add("/a/xinwen/list_3_2.html", "a/xinwen/list_3_2.html", b01_list(B01_P2, 2), "list", {
        "items": [{"title": t, "link": b01_url(i, d), "date": d} for i, d, t in B01_P2],
        "next_page": "/a/xinwen/list_3_3.html",
        "notes": "page 2 of the same Dede list"}, enc, ct)
    allitems = B01_P1 + B01_P2
    for aid, a in B01_ARTICLES.items():
        idx = next(k for k, it in enumerate(allitems) if it[0] == aid)
        i, d, t = allitems[idx]
        prev = allitems[idx + 1]
        nxt = allitems[idx - 1] if idx > 0 else allitems[idx + 1]
        a["title"] = t
        a["not_in_body"] = ["------分隔线----------------------------", "上一篇：", "挑错", a["paras"][0][:60] + "..."]
        url = b01_url(i, d)
        s.add(url, url.lstrip("/"), b01_article(i, d, t, a, prev, nxt), "article",
              article_label(a), enc, ct)
    return s


# ===========================================================================
# b02  PHPCMS v9 — 武汉东湖新技术开发区 (中国光谷) — GBK
#      list page: GBK bytes but <meta charset=gb2312>, served without charset
# ===========================================================================

B02_ITEMS = [
    (5712, "2023-03-15", "光谷举行2023年一季度重大项目集中开工活动 32个项目总投资586亿元"),
    (5708, "2023-03-14", "东湖高新区出台支持光电子信息产业高质量发展若干政策"),
    (5703, "2023-03-13", "区党工委副书记李赟一行调研光谷科学岛建设推进情况"),
    (5699, "2023-03-10", "长飞光纤发布新一代超低损耗光纤产品"),
    (5695, "2023-03-09", "东湖高新区召开2023年优化营商环境工作大会"),
    (5690, "2023-03-08", "光谷举办“三八”国际妇女节巾帼建功表彰活动"),
    (5686, "2023-03-07", "东湖高新区与华中科技大学签署新一轮战略合作协议 共建光谷科创大走廊核心区"),
    (5681, "2023-03-06", "光谷生物城12家企业获批国家级专精特新“小巨人”"),
    (5677, "2023-03-03", "东湖高新区启动2023年“光谷3551人才计划”申报工作"),
    (5672, "2023-03-02", "垚鑫新材料年产5000吨电子级化学品项目签约落户光谷"),
    (5668, "2023-03-01", "东湖高新区召开安全生产和消防工作会议"),
    (5663, "2023-02-28", "光谷金融港新增入驻企业23家 数字金融产业集聚效应凸显"),
    (5659, "2023-02-27", "东湖高新区举行2023年春季招聘月活动 百余家企业提供岗位5800余个"),
    (5655, "2023-02-24", "光谷科技创新大走廊建设现场推进会召开"),
    (5650, "2023-02-23", "东湖高新区发布首批“揭榜挂帅”科技项目榜单"),
]

B02_ARTICLES = {
    5712: dict(when="2023-03-15 10:26:37", source="光谷融媒体中心", author="余鹏", paras=[
        "3月15日，东湖高新区2023年一季度重大项目集中开工活动在光谷科学岛举行。此次集中开工项目32个，总投资586亿元，涵盖光电子信息、生命健康、高端装备、数字经济等领域。",
        "其中，投资超10亿元的项目18个，包括华星光电t5二期、国家信息光电子创新中心产业化基地、光谷生物城医药园四期等一批重大产业项目。",
        "东湖高新区相关负责人表示，将坚持“项目为王”，实行“一个项目、一名领导、一个专班、一抓到底”工作机制，推动项目早建成、早投产、早见效。",
    ]),
    5703: dict(when="2023-03-13 16:08:12", source="东湖高新区党政办公室", author="胡婧", paras=[
        "3月13日，区党工委副书记李赟带队调研光谷科学岛建设推进情况，实地察看科学岛启动区、综合管廊及配套道路建设现场，听取项目进展汇报。",
        "李赟指出，光谷科学岛是湖北东湖科学城建设的核心承载区，要倒排工期、挂图作战，加快推进重大科技基础设施和配套项目建设。",
        "他强调，各相关部门要强化协同联动，及时协调解决项目推进中的用地、资金、施工等问题，确保年度建设目标顺利完成。",
    ]),
    5686: dict(when="2023-03-07 11:15:00", source="光谷融媒体中心", author="余鹏", paras=[
        "3月7日，东湖高新区与华中科技大学签署新一轮战略合作协议。双方将围绕科技成果转化、人才培养、创新平台建设等方面深化合作，共建光谷科创大走廊核心区。",
        "根据协议，双方将共同建设一批新型研发机构和产业技术研究院，设立科技成果转化基金，推动高校科研成果在光谷就地转化。",
        "下一步，东湖高新区将持续深化区校合作，为高校师生创新创业提供全方位服务，打造具有全国影响力的科技成果转化高地。",
    ]),
}

B02_CAT = 12


def b02_url(aid):
    return f"/index.php?m=content&c=index&a=show&catid={B02_CAT}&id={aid}"


def b02_shell(title, charset, body, crumbs):
    menu = [
        ("首页", "/"), ("走进光谷", "/index.php?m=content&c=index&a=lists&catid=2"),
        ("光谷动态", "/index.php?m=content&c=index&a=lists&catid=12"),
        ("政务公开", "/index.php?m=content&c=index&a=lists&catid=20"),
        ("政务服务", "/index.php?m=content&c=index&a=lists&catid=30"),
        ("投资光谷", "/index.php?m=content&c=index&a=lists&catid=40"),
        ("创新创业", "/index.php?m=content&c=index&a=lists&catid=50"),
        ("人才光谷", "/index.php?m=content&c=index&a=lists&catid=60"),
        ("互动交流", "/index.php?m=content&c=index&a=lists&catid=70"),
    ]
    sub = {
        "走进光谷": ["光谷简介", "领导信息", "机构职能", "发展历程", "光谷地图"],
        "光谷动态": ["光谷动态", "园区风采", "媒体看光谷", "视频光谷", "专题专栏"],
        "政务公开": ["通知公告", "政策文件", "规划计划", "财政预决算", "人事信息", "建议提案办理"],
        "投资光谷": ["投资环境", "产业园区", "招商项目", "投资政策"],
        "创新创业": ["科技企业孵化", "双创平台", "科技金融", "知识产权"],
        "人才光谷": ["人才政策", "3551人才计划", "招聘信息"],
        "互动交流": ["书记信箱", "主任信箱", "在线访谈", "意见征集"],
    }
    li = []
    catid = 100
    for name, href in menu:
        subs = ""
        if name in sub:
            parts = []
            for sn in sub[name]:
                catid += 1
                parts.append(f'<a href="/index.php?m=content&c=index&a=lists&catid={catid}">{sn}</a>')
            subs = '<div class="subnav">' + " | ".join(parts) + "</div>"
        on = ' class="on"' if name == "光谷动态" else ""
        li.append(f'<li{on}><a href="{href}">{name}</a>{subs}</li>')
    links = GOV_LINKS + [("湖北省人民政府", "http://www.hubei.gov.cn/"), ("武汉市人民政府", "http://www.wuhan.gov.cn/"),
                         ("湖北省科技厅", "http://kjt.hubei.gov.cn/"), ("光谷创新天地", "http://www.opticsvalley.com.cn/")]
    opts = "\n".join(f'<option value="{u}">{n}</option>' for n, u in links)
    cr = " &gt; ".join(f'<a href="{h}">{n}</a>' for n, h in crumbs)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=7" />
<title>{title}</title>
<meta name="keywords" content="东湖高新区,光谷,中国光谷" />
<meta name="description" content="武汉东湖新技术开发区管委会门户网站" />
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="/statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/statics/js/jquery.min.js"></script>
<script type="text/javascript" src="/statics/js/jquery.sgallery.js"></script>
<script type="text/javascript" src="/statics/js/search_common.js"></script>
</head>
<body>
<div class="body-top">
  <div class="content">
    <div id="announ"><ul><li><a href="/index.php?m=announce&c=index&a=show&aid=31">关于光谷政务服务中心窗口调整的公告</a></li></ul></div>
    <div class="login lh24 blue"><a href="/index.php?m=member&c=index&a=login">登录</a><span> | </span><a href="/index.php?m=member&c=index&a=register">注册</a> <a href="/index.php?m=content&c=rss&siteid=1" class="rss ib">rss</a></div>
  </div>
</div>
<div class="header">
  <div class="logo"><a href="/"><img src="/statics/images/v9/logo_gg.png" alt="武汉东湖新技术开发区" /></a></div>
  <div class="search">
    <form action="/index.php" method="get" target="_blank"><input type="hidden" name="m" value="search"/><input type="hidden" name="c" value="index"/><input type="hidden" name="a" value="init"/><input type="text" name="q" id="q"/><input type="submit" value="搜 索" class="button" /></form>
  </div>
  <div class="nav-bar"><map><ul class="nav-site">
{chr(10).join(li)}
  </ul></map></div>
</div>
<div class="main">
  <div class="crumbs">当前位置：{cr} &gt; </div>
{body}
</div>
<div class="footer">
  <div class="flink">友情链接：<select onchange="if(this.value)window.open(this.value)"><option value="">--政府网站--</option>
{opts}
  </select></div>
  <p class="info">
    <a href="/index.php?m=content&c=index&a=lists&catid=3">关于我们</a> | <a href="/index.php?m=content&c=index&a=lists&catid=4">网站地图</a> | <a href="/index.php?m=content&c=index&a=lists&catid=5">联系我们</a> | <a href="/index.php?m=content&c=index&a=lists&catid=6">隐私声明</a><br />
    主办单位：武汉东湖新技术开发区管理委员会 &nbsp; 承办单位：光谷融媒体中心 &nbsp; 地址：武汉市东湖新技术开发区高新大道777号<br />
    <a href="https://beian.miit.gov.cn" target="_blank">鄂ICP备12004567号</a> &nbsp; 鄂公网安备 42018502000890号 &nbsp; 网站标识码：4201000078<br />
    Copyright &copy; 2023 武汉东湖新技术开发区管理委员会 版权所有
  </p>
</div>
</body>
</html>
"""


def b02_list():
    lis = []
    for i, d, t in B02_ITEMS:
        href = esc(b02_url(i))  # &amp; in the attribute
        lis.append(f'<li><span class="rt">{d}</span>&middot;<a href="{href}" title="{t}" target="_blank">{cut_gbk(t, 50)}</a></li>')
    base = f"/index.php?m=content&c=index&a=lists&catid={B02_CAT}"
    pages = " ".join(f'<a href="{base}&page={n}">{n}</a>' for n in range(2, 8))
    pg = (f'<div id="pages" class="text-c"><a class="a1">143条</a> <a href="{base}&page=1" class="a1">上一页</a> '
          f'<span>1</span> {pages} .. <a href="{base}&page=10">10</a> '
          f'<a href="{base}&page=2" class="a1">下一页</a></div>')
    hot = "\n".join(f'<li><a href="{esc(b02_url(i))}" title="{t}">{cut_gbk(t, 36)}</a></li>'
                    for i, _, t in [B02_ITEMS[6], B02_ITEMS[0], B02_ITEMS[2], B02_ITEMS[7], B02_ITEMS[11]])
    body = f"""  <div class="col-left">
    <div class="box">
      <h5 class="title-2">光谷动态</h5>
      <ul class="list lh24 f14">
{chr(10).join(lis)}
      </ul>
    </div>
    {pg}
  </div>
  <div class="col-auto">
    <div class="box">
      <h5 class="title-2">热点排行</h5>
      <ul class="content digg">
{hot}
      </ul>
    </div>
    <div class="box">
      <h5 class="title-2">图片新闻</h5>
      <div class="content"><ul class="photo-list">
        <li><a href="{esc(b02_url(5712))}"><img src="/uploadfile/2023/0315/20230315103512345.jpg" width="110" height="80"/></a><a href="{esc(b02_url(5712))}">一季度重大项目集中开工</a></li>
        <li><a href="{esc(b02_url(5655))}"><img src="/uploadfile/2023/0224/20230224092215331.jpg" width="110" height="80"/></a><a href="{esc(b02_url(5655))}">光谷科技创新大走廊推进会</a></li>
      </ul></div>
    </div>
  </div>"""
    return b02_shell("光谷动态 - 武汉东湖新技术开发区", "gb2312", body,
                     [("首页", "/"), ("光谷动态", f"/index.php?m=content&c=index&a=lists&catid={B02_CAT}")])


def b02_article(aid, title, a):
    k = next(n for n, it in enumerate(B02_ITEMS) if it[0] == aid)
    prev, nxt = B02_ITEMS[k + 1], B02_ITEMS[k - 1 if k else k + 2]
    body_html = article_paras_html(a["paras"], "indent")
    body = f"""  <div class="col-left">
    <div id="Article">
      <h1>{title}<br /></h1>
      <div class="tit-info">发布时间：{a['when']}&nbsp;&nbsp;&nbsp;来源：{a['source']}&nbsp;&nbsp;&nbsp;作者：{a['author']}&nbsp;&nbsp;&nbsp;阅读：<span id="hits"></span>次&nbsp;&nbsp;&nbsp;字号：<a href="javascript:ContentSize(16)">大</a> <a href="javascript:ContentSize(14)">中</a> <a href="javascript:ContentSize(12)">小</a></div>
      <div class="content" id="content">
{body_html}
      </div>
      <div class="bk15"></div>
      <div class="print">【<a href="javascript:window.print();">打印本页</a>】【<a href="javascript:window.close();">关闭窗口</a>】</div>
      <p class="f14"><strong>上一篇：</strong><a href="{esc(b02_url(prev[0]))}">{prev[2]}</a><br />
      <strong>下一篇：</strong><a href="{esc(b02_url(nxt[0]))}">{nxt[2]}</a></p>
    </div>
    <script language="JavaScript" src="/api.php?op=count&id={aid}&modelid=1"></script>
  </div>"""
    return b02_shell(f"{title} - 武汉东湖新技术开发区", "gbk", body,
                     [("首页", "/"), ("光谷动态", f"/index.php?m=content&c=index&a=lists&catid={B02_CAT}")])


def build_b02():
    s = Site("b02-phpcms-wuhan-donghu", "PHPCMS v9")
    s.add(f"/index.php?m=content&c=index&a=lists&catid={B02_CAT}", "list_catid12.html", b02_list(), "list", {
        "items": [{"title": t, "link": b02_url(i), "date": d} for i, d, t in B02_ITEMS],
        "next_page": f"/index.php?m=content&c=index&a=lists&catid={B02_CAT}&page=2",
        "notes": "long titles cut to 60 GBK bytes with … (full title in title=); hrefs use &amp;; date <span class=rt> comes BEFORE the link; "
                 "page is GBK bytes (李赟, 垚) while meta says gb2312 and the header has no charset"},
        "gb2312", "text/html", gbk_beyond_gb2312=True)
    titles = {i: t for i, _, t in B02_ITEMS}
    for aid, a in B02_ARTICLES.items():
        a["title"] = titles[aid]
        a["not_in_body"] = ["打印本页", "关闭窗口", "字号", "上一篇："]
        s.add(b02_url(aid), f"show_{aid}.html", b02_article(aid, titles[aid], a), "article",
              article_label(a), "gbk", "text/html; charset=GBK")
    return s


# ===========================================================================
# b03  Jeecms — 长沙经济技术开发区 — UTF-8; <em>date</em> before the title
# ===========================================================================

B03_ITEMS = [
    (12358, "2023-06-15", "长沙经开区召开2023年上半年重点工作调度会", None),
    (12355, "2023-06-14", "三一重工智能制造产业园项目正式投产", None),
    (12351, "2023-06-13", "长沙经开区举行“安全生产月”宣传咨询日活动", None),
    (12347, "2023-06-12", "湖南日报丨长沙经开区：打造工程机械世界级产业集群",
     "https://hnrb.voc.com.cn/hnrb_epaper/html/2023-06/12/content_1629311.htm?div=-1"),
    (12344, "2023-06-09", "长沙经开区12家企业入选湖南省制造业单项冠军名单", None),
    (12340, "2023-06-08", "经开区开展“送政策进企业”专项服务活动", None),
    (12337, "2023-06-07", "长沙经开区召开生态环境保护工作推进会", None),
    (12333, "2023-06-06", "中联重科智慧产业城土方机械园区首台挖掘机下线", None),
    (12330, "2023-06-05", "经开区举办2023年高校毕业生专场招聘会", None),
    (12326, "2023-06-02", "长沙经开区与比亚迪签署新能源汽车零部件项目合作协议", None),
    (12321, "2023-06-01", "经开区开展“六一”儿童节关爱慰问活动", None),
    (12318, "2023-05-31", "长沙经开区获评国家生态工业示范园区", None),
]

B03_ARTICLES = {
    12358: dict(when="2023-06-15", source="长沙经开区融媒体中心", author="周琳", paras=[
        "6月15日，长沙经开区召开2023年上半年重点工作调度会，听取各部门上半年重点工作完成情况汇报，研究部署下一阶段工作。",
        "会议指出，今年以来，全区上下聚焦“三高四新”美好蓝图，扎实推进产业项目建设年活动，1至5月完成规模工业总产值1380亿元，同比增长9.2%。",
        "会议强调，要锚定全年目标不放松，聚焦工程机械、汽车及零部件两大主导产业，加快推进重大项目建设，确保“双过半”目标顺利实现。",
    ]),
    12333: dict(when="2023-06-06", source="中联重科", author="谭思", paras=[
        "6月6日，中联重科智慧产业城土方机械园区首台挖掘机正式下线，标志着这座“灯塔工厂”进入量产阶段。",
        "该园区总投资约60亿元，规划建设挖掘机械整机及关键零部件智能生产线，全面达产后可年产各类挖掘机5万台，年产值超300亿元。",
        "园区大量应用5G、工业互联网、人工智能等新技术，实现了从钢板下料到整机下线的全流程智能化生产。",
    ], img="/u/cms/www/202306/06153012abcd.jpg", img_at=1),
    12355: dict(when="2023-06-14", source="长沙晚报", author="刘洋", paras=[
        "6月14日，三一重工智能制造产业园项目在长沙经开区正式投产，标志着三一重工在长沙的产能布局进一步完善。",
        "项目总投资约45亿元，主要建设泵送机械、起重机械等产品的智能化生产线，达产后预计年产值可达200亿元。",
        "长沙经开区将持续做好项目服务保障，推动工程机械产业向高端化、智能化、绿色化方向发展。",
    ]),
}


def b03_url(i):
    return f"/xwzx/yqdt/{i}.jhtml"


def b03_shell(title, body, crumb_tail):
    groups = [
        ("走进经开", "/zjjk/index.jhtml", ["经开概况", "领导分工", "机构设置", "发展历程", "荣誉称号"]),
        ("新闻中心", "/xwzx/index.jhtml", ["园区动态", "部门动态", "媒体聚焦", "视频新闻", "图片新闻"]),
        ("政务公开", "/zwgk/index.jhtml", ["通知公告", "政策法规", "人事任免", "财政资金", "重点领域", "政策解读"]),
        ("投资经开", "/tzjk/index.jhtml", ["投资环境", "主导产业", "招商政策", "招商项目", "载体资源"]),
        ("企业服务", "/qyfw/index.jhtml", ["办事指南", "政策兑现", "人才服务", "金融服务"]),
        ("互动交流", "/hdjl/index.jhtml", ["书记信箱", "主任信箱", "在线咨询", "意见征集", "网上调查"]),
    ]
    nav = ['<li><a href="/">首页</a></li>']
    for name, href, subs in groups:
        base = href.rsplit("/", 1)[0]
        items = "".join(f'<dd><a href="{base}/{k}/index.jhtml">{n}</a></dd>' for k, n in enumerate(subs, 1))
        cur = ' class="cur"' if name == "新闻中心" else ""
        nav.append(f'<li{cur}><a href="{href}">{name}</a><dl class="sub">{items}</dl></li>')
    links = GOV_LINKS + [("湖南省人民政府", "http://www.hunan.gov.cn/"), ("长沙市人民政府", "http://www.changsha.gov.cn/"),
                         ("长沙县人民政府", "http://www.csx.gov.cn/"), ("湖南湘江新区", "http://www.hnxjxq.gov.cn/")]
    fl = "".join(f'<a href="{u}" target="_blank">{n}</a>' for n, u in links)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}</title>
<meta name="keywords" content="长沙经开区,园区动态">
<meta name="description" content="长沙经济技术开发区管理委员会">
<link href="/r/cms/www/red/css/style.css" rel="stylesheet" type="text/css"/>
<script src="/r/cms/jquery.js" type="text/javascript"></script>
<script src="/r/cms/front.js" type="text/javascript"></script>
<script type="text/javascript">$(function() {{ Cms.siteFlow("", location.href, document.referrer); }});</script>
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="fl">欢迎访问长沙经济技术开发区管理委员会门户网站！</span><span class="fr"><a href="/wza/index.jhtml">无障碍</a> | <a href="/mobile/index.jhtml">手机版</a> | <a href="/sitemap.jhtml">网站地图</a></span></div></div>
<div class="header w1200"><a href="/" class="logo"><img src="/r/cms/www/red/img/logo.png" alt="长沙经济技术开发区"></a>
  <form action="/search.jspx" target="_blank" class="search"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
<div class="nav"><ul class="w1200">{''.join(nav)}</ul></div>
<div class="w1200 location">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/index.jhtml">新闻中心</a> &gt; {crumb_tail}</div>
{body}
<div class="links w1200"><span>友情链接：</span>{fl}</div>
<div class="footer"><div class="w1200">
  <p>主办单位：长沙经济技术开发区管理委员会　承办单位：长沙经济技术开发区党政办公室</p>
  <p>地址：湖南省长沙县星沙大道1号　联系电话：0731-84020000</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">湘ICP备10201234号-1</a>　湘公网安备 43012102000321号　网站标识码：4301000025</p>
  <p><a href="https://bszs.conac.cn/sitename?method=show&id=1234ABCD" target="_blank"><img src="/r/cms/www/red/img/dzjg.png" alt="党政机关"></a> <a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4301000025" target="_blank"><img src="/r/cms/www/red/img/jiucuo.png" alt="政府网站找错"></a></p>
</div></div>
</body>
</html>
"""


def b03_sidebar():
    hot = [B03_ITEMS[7], B03_ITEMS[1], B03_ITEMS[4], B03_ITEMS[0], B03_ITEMS[11], B03_ITEMS[9]]
    lis = "\n".join(f'<li><em class="num{k}">{k}</em><a href="{u or b03_url(i)}" title="{t}">{t}</a></li>'
                    for k, (i, d, t, u) in enumerate(hot, 1))
    return f"""<div class="side fr">
  <div class="side-box"><div class="side-tit"><h3>新闻中心</h3></div>
    <ul class="side-menu"><li class="cur"><a href="/xwzx/yqdt/index.jhtml">园区动态</a></li><li><a href="/xwzx/bmdt/index.jhtml">部门动态</a></li><li><a href="/xwzx/mtjj/index.jhtml">媒体聚焦</a></li><li><a href="/xwzx/spxw/index.jhtml">视频新闻</a></li></ul></div>
  <div class="side-box"><div class="side-tit"><h3>热点排行</h3></div>
    <ul class="rank">
{lis}
    </ul></div>
</div>"""


def b03_list():
    lis = []
    for i, d, t, ext in B03_ITEMS:
        href = ext or b03_url(i)
        tgt = ' target="_blank"' if ext else ""
        lis.append(f'<li><em>{d}</em><a href="{href}" title="{t}"{tgt}>{t}</a></li>')
    body = f"""<div class="w1200 main clearfix">
<div class="content-l fl">
  <div class="list-tit"><h2>园区动态</h2></div>
  <ul class="news-list">
{chr(10).join(lis)}
  </ul>
  <div class="pagination"><span>共 86 条 1/8 页</span><a href="javascript:void(0)" class="disabled">首页</a><a href="javascript:void(0)" class="disabled">上一页</a><a class="cur">1</a><a href="index_2.jhtml">2</a><a href="index_3.jhtml">3</a><a href="index_4.jhtml">4</a><a href="index_2.jhtml">下一页</a><a href="index_8.jhtml">尾页</a></div>
</div>
{b03_sidebar()}
</div>"""
    return b03_shell("园区动态 - 长沙经济技术开发区", body, '<a href="/xwzx/yqdt/index.jhtml">园区动态</a>')


def b03_article(i, t, a):
    body_html = article_paras_html(a["paras"], "ueditor", a.get("img"), a.get("img_at"))
    body = f"""<div class="w1200 main clearfix">
<div class="content-l fl">
  <div class="article">
    <h1>{t}</h1>
    <div class="msgbar">发布时间：{a['when']} &nbsp;&nbsp; 来源：{a['source']} &nbsp;&nbsp; 作者：{a['author']} &nbsp;&nbsp; 浏览次数：<span id="views"></span>
      <span class="zoom">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
    <div class="content" id="zoom">
{body_html}
    </div>
    <div class="editor">责任编辑：李思琪</div>
    <div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <script type="text/javascript">Cms.viewCount("", "{i}", "views");</script>
  </div>
</div>
{b03_sidebar()}
</div>"""
    return b03_shell(f"{t}_长沙经济技术开发区", body,
                     '<a href="/xwzx/yqdt/index.jhtml">园区动态</a> &gt; 正文')


def build_b03():
    s = Site("b03-jeecms-changsha-etdz", "Jeecms")
    s.add("/xwzx/yqdt/index.jhtml", "xwzx/yqdt/index.jhtml", b03_list(), "list", {
        "items": [{"title": t, "link": ext or b03_url(i), "date": d} for i, d, t, ext in B03_ITEMS],
        "next_page": "/xwzx/yqdt/index_2.jhtml",
        "notes": "<em>date</em> comes before the title link; one item is an outside link to 湖南日报; 热点排行 sidebar also uses <em>rank</em> before titles"})
    for i, a in B03_ARTICLES.items():
        t = next(x[2] for x in B03_ITEMS if x[0] == i)
        a["title"] = t
        a["not_in_body"] = ["打印本页", "关闭窗口", "责任编辑：李思琪", "浏览次数"]
        s.add(b03_url(i), f"xwzx/yqdt/{i}.jhtml", b03_article(i, t, a), "article", article_label(a))
    return s


# ===========================================================================
# b04  WordPress zone site — 重庆两江新区 — UTF-8; home links an Atom feed
# ===========================================================================

B04_NEWS = [
    (3521, "2024-05-20 09:30", "两江新区2024年二季度重大项目集中开工 总投资320亿元",
     "5月20日，两江新区2024年二季度重大项目集中开工活动在水土新城举行，27个项目集中开工。"),
    (3518, "2024-05-17 16:10", "两江协同创新区新增3家高校研究院",
     "两江协同创新区再添3家高校研究院，累计引进高校院所及研发机构达到68家。"),
    (3516, "2024-05-16 15:00", "长安汽车数智工厂在两江新区投产",
     "长安汽车数智工厂正式投产，规划年产能28万辆，关键工序自动化率100%。"),
    (3512, "2024-05-15 11:20", "两江新区召开优化营商环境工作推进会",
     "会议通报了一季度营商环境评价情况，部署下一阶段重点改革任务。"),
    (3509, "2024-05-14 10:05", "果园港中欧班列（渝新欧）今年开行突破800列",
     "今年以来，果园港中欧班列（渝新欧）开行量持续增长，累计突破800列。"),
    (3505, "2024-05-13 17:45", "两江新区发布支持软件和信息服务业发展十条措施",
     "新政从企业落户、研发投入、人才引进等方面提出十条支持措施。"),
    (3502, "2024-05-10 18:20", "赛力斯超级工厂迎来第10万辆整车下线",
     "位于两江新区的赛力斯超级工厂迎来第10万辆整车下线，日均下线整车超过500辆。"),
    (3498, "2024-05-09 09:00", "两江新区举办2024年“西部人才周”系列活动",
     "活动期间将举办人才招聘会、创新创业大赛、人才政策宣讲等系列活动。"),
    (3495, "2024-05-08 14:30", "悦来会展城智博会配套项目加快建设",
     "悦来会展城智博会配套项目建设全面提速，预计8月前全面完工。"),
    (3491, "2024-05-07 10:40", "两江新区开展“五一”节后安全生产专项检查",
     "节后复工复产期间，两江新区组织开展安全生产专项检查，督促企业落实主体责任。"),
]
B04_NOTICE = [
    (3520, "2024-05-18 10:00", "关于开展2024年两江新区科技型企业认定工作的通知"),
    (3507, "2024-05-13 09:00", "关于公布两江新区2024年第一批“专精特新”企业名单的公告"),
    (3493, "2024-05-08 16:30", "两江新区管委会关于2024年端午节放假安排的通知"),
    (3484, "2024-04-29 15:00", "关于征集2024年两江新区重点产业招商线索的公告"),
    (3470, "2024-04-22 10:30", "两江新区2024年公开招聘事业单位工作人员公告"),
    (3462, "2024-04-17 11:00", "关于开展两江新区2024年度安全生产标准化达标建设的通知"),
]

B04_ARTICLES = {
    3521: dict(source="两江新区融媒体中心", author="两江新区", cat="news", updated="2024-05-21T08:12:44+08:00", paras=[
        "5月20日，两江新区2024年二季度重大项目集中开工活动在水土新城举行。此次集中开工项目27个，总投资320亿元，涉及汽车、电子信息、生物医药、城市基础设施等领域。",
        "其中，产业项目17个，总投资216亿元，占比67.5%。长安汽车新能源零部件产业园、京东方第6代新型半导体显示器件生产线配套项目等一批重大产业项目备受关注。",
        "两江新区相关负责人表示，新区将持续开展“项目攻坚年”活动，强化用地、用能、资金等要素保障，推动项目早开工、早投产、早达效，为高质量发展注入强劲动能。",
    ]),
    3516: dict(source="两江新区融媒体中心", author="两江新区", cat="news", updated="2024-05-16T15:00:00+08:00", paras=[
        "5月16日，长安汽车数智工厂在两江新区鱼复工业园正式投产。该工厂总投资约50亿元，规划年产能28万辆，是长安汽车全球最先进的智能工厂之一。",
        "工厂采用数字孪生、5G+工业互联网等技术，关键工序自动化率达到100%，可实现多平台、多车型柔性共线生产。",
        "近年来，两江新区加快构建“整车+零部件+后市场”的汽车产业生态，已集聚整车企业10家、核心零部件企业400余家。",
    ]),
    3502: dict(source="重庆日报", author="两江新区", cat="news", updated="2024-05-11T09:03:21+08:00", paras=[
        "5月10日，位于两江新区的赛力斯超级工厂迎来第10万辆整车下线。自去年投产以来，该工厂产能持续爬坡，目前日均下线整车超过500辆。",
        "赛力斯超级工厂拥有1600多台智能终端、3000多台机器人，关键工序100%自动化，实现了高效率、高质量、高柔性的智能制造。",
        "据介绍，今年1至4月，两江新区汽车产业产值同比增长28.6%，新能源汽车产量占全市比重超过六成。",
    ]),
    3520: dict(source="两江新区科技创新局", author="两江新区", cat="notice", updated="2024-05-18T10:00:00+08:00", paras=[
        "各有关企业：",
        "为深入实施创新驱动发展战略，加快培育科技型企业，根据《重庆市科技型企业认定管理办法》相关规定，现就开展2024年两江新区科技型企业认定工作有关事项通知如下。",
        "一、申报条件：在两江新区注册、具有独立法人资格，从事科技研发、技术转移等活动的企业。",
        "二、申报时间：2024年5月20日至2024年6月30日，企业通过重庆市科技型企业系统在线填报。",
        "联系电话：023-67462345，联系人：刘老师。",
    ], starts="各有关企业：为深入实施创新驱动发展战略"),
    3493: dict(source="两江新区党政办公室", author="两江新区", cat="notice", updated="2024-05-08T16:30:00+08:00", paras=[
        "新区各部门、各单位：",
        "根据《国务院办公厅关于2024年部分节假日安排的通知》精神，现将2024年端午节放假安排通知如下：6月10日（星期一）放假，与周末连休，共3天。",
        "节假日期间，各部门、各单位要妥善安排好值班和安全保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置。",
    ], starts="新区各部门、各单位：根据《国务院办公厅"),
}

B04_CATS = {"news": ("两江要闻", "/category/news/"), "notice": ("通知公告", "/category/notice/")}


def b04_cn_date(when):
    d = datetime.strptime(when[:10], "%Y-%m-%d")
    return f"{d.year}年{d.month}月{d.day}日"


def b04_shell(title, body, body_class, extra_head=""):
    menu = [
        ("首页", "/", []),
        ("走进两江", "/about/", ["新区概况", "领导之窗", "机构设置", "发展规划", "功能区介绍"]),
        ("新闻中心", "/category/news/", ["两江要闻", "通知公告"]),
        ("投资两江", "/invest/", ["投资环境", "产业布局", "招商政策", "重点载体", "投资指南"]),
        ("政务服务", "/service/", ["办事指南", "政策兑现", "惠企政策", "政务公开", "数据发布"]),
        ("创新两江", "/innovation/", ["协同创新区", "科技平台", "人才服务", "创业孵化"]),
        ("开放两江", "/open/", ["中新项目", "果园港", "保税港区", "外事外经"]),
    ]
    subslug = {"两江要闻": "/category/news/", "通知公告": "/category/notice/", "媒体聚焦": "/category/media/",
               "视频两江": "/category/video/"}
    lis = []
    n = 10
    for name, href, subs in menu:
        n += 1
        cls = "menu-item menu-item-type-custom menu-item-object-custom"
        if subs:
            cls += " menu-item-has-children"
            sub = []
            for sname in subs:
                n += 1
                sh = subslug.get(sname, f"{href}{n}/")
                sub.append(f'<li id="menu-item-{n}" class="menu-item menu-item-type-taxonomy menu-item-{n}"><a href="{sh}">{sname}</a></li>')
            lis.append(f'<li id="menu-item-{n}" class="{cls}"><a href="{href}">{name}</a>\n<ul class="sub-menu">{"".join(sub)}</ul></li>')
        else:
            lis.append(f'<li id="menu-item-{n}" class="{cls}"><a href="{href}">{name}</a></li>')
    links = [("重庆市人民政府", "http://www.cq.gov.cn/"), ("中国政府网", "http://www.gov.cn/"),
             ("重庆市发展和改革委员会", "http://fzggw.cq.gov.cn/"), ("重庆市商务委员会", "http://sww.cq.gov.cn/"),
             ("重庆市经济和信息化委员会", "http://jjxxw.cq.gov.cn/"), ("渝北区人民政府", "http://www.ybq.gov.cn/"),
             ("江北区人民政府", "http://www.cqjb.gov.cn/"), ("北碚区人民政府", "http://www.beibei.gov.cn/"),
             ("西部（重庆）科学城", "http://www.cqkxc.gov.cn/"), ("中国（重庆）自由贸易试验区", "http://www.cqftz.gov.cn/")]
    fl = "\n".join(f'<li><a href="{u}" target="_blank" rel="noopener">{nm}</a></li>' for nm, u in links)
    return f"""<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{title}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel='dns-prefetch' href='//s.w.org' />
{extra_head}<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3' type='text/css' media='all' />
<link rel='stylesheet' id='liangjiang-style-css' href='/wp-content/themes/liangjiang/style.css?ver=1.2.0' type='text/css' media='all' />
<script type="text/javascript" src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="/wp-json/" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.4.3" />
</head>
<body class="{body_class}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">跳至内容</a>
<header id="masthead" class="site-header">
  <div class="site-branding">
    <p class="site-title"><a href="/" rel="home"><img src="/wp-content/uploads/2023/02/logo-ljxq.png" alt="重庆两江新区"></a></p>
    <p class="site-description">国家级新区 · 内陆开放门户</p>
  </div>
  <form role="search" method="get" class="search-form" action="/"><label><span class="screen-reader-text">搜索：</span><input type="search" class="search-field" placeholder="搜索&hellip;" value="" name="s" /></label><input type="submit" class="search-submit" value="搜索" /></form>
  <nav id="site-navigation" class="main-navigation">
    <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">菜单</button>
    <div class="menu-main-container"><ul id="primary-menu" class="menu">
{chr(10).join(lis)}
    </ul></div>
  </nav>
</header>
{body}
<footer id="colophon" class="site-footer">
  <div class="footer-links"><h3>友情链接</h3><ul>
{fl}
  </ul></div>
  <div class="site-info">
    <p>主办单位：重庆两江新区管理委员会 &nbsp; 承办单位：两江新区融媒体中心</p>
    <p>地址：重庆市渝北区金渝大道68号 &nbsp; 电话：023-67462000</p>
    <p><a href="https://beian.miit.gov.cn/" target="_blank">渝ICP备10012345号-1</a> &nbsp; 渝公网安备 50011202500123号 &nbsp; 网站标识码：5000000055</p>
  </div>
</footer>
</div>
<script type="text/javascript" src="/wp-content/themes/liangjiang/js/navigation.js?ver=1.2.0" id="liangjiang-navigation-js"></script>
</body>
</html>
"""


def b04_sidebar():
    recent = "\n".join(f'<li><a href="/archives/{i}">{t}</a></li>' for i, _, t, _ in B04_NEWS[:5])
    return f"""<aside id="secondary" class="widget-area">
  <section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><input type="search" class="search-field" name="s" /><input type="submit" class="search-submit" value="搜索" /></form></section>
  <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">近期文章</h2><ul>
{recent}
  </ul></section>
  <section id="categories-2" class="widget widget_categories"><h2 class="widget-title">分类</h2><ul>
    <li class="cat-item cat-item-2"><a href="/category/news/">两江要闻</a> (1,286)</li>
    <li class="cat-item cat-item-3"><a href="/category/notice/">通知公告</a> (342)</li>
    <li class="cat-item cat-item-4"><a href="/category/media/">媒体聚焦</a> (518)</li>
    <li class="cat-item cat-item-5"><a href="/category/video/">视频两江</a> (96)</li>
  </ul></section>
  <section id="archives-2" class="widget widget_archive"><h2 class="widget-title">文章归档</h2><ul>
    <li><a href="/archives/date/2024/05">2024年5月</a></li><li><a href="/archives/date/2024/04">2024年4月</a></li><li><a href="/archives/date/2024/03">2024年3月</a></li><li><a href="/archives/date/2024/02">2024年2月</a></li>
  </ul></section>
</aside>"""


def b04_list(cat):
    name, url = B04_CATS[cat]
    arts = []
    rows = B04_NEWS if cat == "news" else [(i, w, t, "") for i, w, t in B04_NOTICE]
    for i, when, t, excerpt in rows:
        dt = iso(when)
        thumb = ""
        if excerpt:
            thumb = (f'<a class="post-thumbnail" href="/archives/{i}" aria-hidden="true" tabindex="-1">'
                     f'<img width="300" height="200" src="/wp-content/uploads/2024/05/{i}-300x200.jpg" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="{t}" decoding="async" /></a>')
        summ = (f'<div class="entry-summary"><p>{excerpt} [&hellip;]</p></div>' if excerpt else "")
        arts.append(f"""<article id="post-{i}" class="post-{i} post type-post status-publish format-standard hentry category-{cat}">
  {thumb}
  <header class="entry-header">
    <h2 class="entry-title"><a href="/archives/{i}" rel="bookmark">{t}</a></h2>
    <div class="entry-meta"><span class="posted-on"><a href="/archives/{i}" rel="bookmark"><time class="entry-date published updated" datetime="{dt}">{b04_cn_date(when)}</time></a></span><span class="cat-links"><a href="{url}" rel="category tag">{name}</a></span></div>
  </header>
  {summ}
</article>""")
    if cat == "news":
        nav = """<nav class="navigation pagination" aria-label="文章">
  <h2 class="screen-reader-text">文章导航</h2>
  <div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
<a class="page-numbers" href="/category/news/page/2/">2</a>
<a class="page-numbers" href="/category/news/page/3/">3</a>
<span class="page-numbers dots">&hellip;</span>
<a class="page-numbers" href="/category/news/page/129/">129</a>
<a class="next page-numbers" href="/category/news/page/2/">下一页</a></div>
</nav>"""
    else:
        nav = ""
    body = f"""<main id="primary" class="site-main">
  <div class="breadcrumbs">当前位置：<a href="/">首页</a> &gt; <a href="/category/news/">新闻中心</a> &gt; <span>{name}</span></div>
  <header class="page-header"><h1 class="page-title">分类：<span>{name}</span></h1></header>
{chr(10).join(arts)}
{nav}
</main>
{b04_sidebar()}"""
    return b04_shell(f"{name} &#8211; 重庆两江新区", body, f"archive category category-{cat} hfeed")


def b04_article(i, when, t, a, prev, nxt):
    cname, curl = B04_CATS[a["cat"]]
    body_html = article_paras_html(a["paras"], "plain")
    utc = datetime.fromisoformat(iso(when)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    head = (f'<meta property="og:type" content="article" />\n<meta property="og:title" content="{t}" />\n'
            f'<meta property="article:published_time" content="{utc}" />\n'
            f'<meta property="article:modified_time" content="{datetime.fromisoformat(a["updated"]).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")}" />\n'
            f'<link rel="alternate" type="application/json+oembed" href="/wp-json/oembed/1.0/embed?url=%2Farchives%2F{i}" />\n'
            f'<link rel="canonical" href="/archives/{i}" />\n')
    upd = datetime.fromisoformat(a["updated"])
    body = f"""<main id="primary" class="site-main">
  <div class="breadcrumbs">当前位置：<a href="/">首页</a> &gt; <a href="{curl}">{cname}</a> &gt; <span>正文</span></div>
<article id="post-{i}" class="post-{i} post type-post status-publish format-standard hentry category-{a['cat']}">
  <header class="entry-header">
    <h1 class="entry-title">{t}</h1>
    <div class="entry-meta">
      <span class="posted-on">发布于 <a href="/archives/{i}" rel="bookmark"><time class="entry-date published" datetime="{iso(when)}">{b04_cn_date(when)}</time><time class="updated" datetime="{a['updated']}">{upd.year}年{upd.month}月{upd.day}日</time></a></span>
      <span class="byline"> 作者 <span class="author vcard"><a class="url fn n" href="/archives/author/ljxq">{a['author']}</a></span></span>
      <span class="source">来源：{a['source']}</span>
    </div>
  </header>
  <div class="entry-content">
{body_html}
  </div>
  <footer class="entry-footer"><span class="cat-links">分类 <a href="{curl}" rel="category tag">{cname}</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="文章">
  <h2 class="screen-reader-text">文章导航</h2>
  <div class="nav-links"><div class="nav-previous"><a href="/archives/{prev[0]}" rel="prev"><span class="nav-subtitle">上一篇:</span> <span class="nav-title">{prev[2]}</span></a></div><div class="nav-next"><a href="/archives/{nxt[0]}" rel="next"><span class="nav-subtitle">下一篇:</span> <span class="nav-title">{nxt[2]}</span></a></div></div>
</nav>
</main>
{b04_sidebar()}"""
    return b04_shell(f"{t} &#8211; 重庆两江新区", body, f"post-template-default single single-post postid-{i} single-format-standard", head)


def b04_home():
    slides = "\n".join(
        f'<div class="swiper-slide"><a href="/archives/{i}"><img src="/wp-content/uploads/2024/05/{i}-1200x500.jpg" alt="{t}"><p class="slide-title">{t}</p></a></div>'
        for i, _, t, _ in B04_NEWS[:4])
    news = "\n".join(f'<li><a href="/archives/{i}" title="{t}">{t}</a><span class="date">{w[5:10]}</span></li>'
                     for i, w, t, _ in B04_NEWS[:7])
    notice = "\n".join(f'<li><a href="/archives/{i}" title="{t}">{t}</a><span class="date">{w[5:10]}</span></li>'
                       for i, w, t in B04_NOTICE[:5])
    head = ('<link rel="alternate" type="application/atom+xml" title="重庆两江新区 &raquo; Atom Feed" href="/feed/atom/" />\n'
            '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/12" />\n')
    body = f"""<main id="primary" class="site-main home-main">
  <section class="home-slider"><div class="swiper-container"><div class="swiper-wrapper">
{slides}
  </div><div class="swiper-pagination"></div></div></section>
  <section class="home-news">
    <div class="news-col"><div class="col-head"><h2>两江要闻</h2><a class="more" href="/category/news/">更多 &gt;&gt;</a></div>
      <ul class="home-list">
{news}
      </ul></div>
    <div class="news-col"><div class="col-head"><h2>通知公告</h2><a class="more" href="/category/notice/">更多 &gt;&gt;</a></div>
      <ul class="home-list">
{notice}
      </ul></div>
  </section>
  <section class="home-data"><h2>两江数据</h2>
    <ul class="data-list"><li><strong>4380</strong><span>地区生产总值（亿元）</span></li><li><strong>1206</strong><span>常住人口（万人）</span></li><li><strong>302</strong><span>世界500强企业投资项目（个）</span></li><li><strong>68</strong><span>高校院所及研发机构（家）</span></li></ul>
  </section>
  <section class="home-service"><h2>政务服务</h2>
    <ul><li><a href="/service/banshi/">办事指南</a></li><li><a href="/service/duixian/">政策兑现</a></li><li><a href="https://zwykb.cq.gov.cn/" target="_blank">渝快办</a></li><li><a href="/service/xinxi/">政府信息公开</a></li><li><a href="/hudong/xinxiang/">主任信箱</a></li></ul>
  </section>
</main>"""
    return b04_shell("重庆两江新区 &#8211; 国家级新区 · 内陆开放门户", body, "home page-template-default page page-id-12", head)


def b04_atom():
    entries = []
    allp = [(i, w, t, e, "news") for i, w, t, e in B04_NEWS] + [(i, w, t, "", "notice") for i, w, t in B04_NOTICE]
    allp.sort(key=lambda x: x[1], reverse=True)
    for i, w, t, e, cat in allp[:10]:
        cname = B04_CATS[cat][0]
        summary = e or t
        entries.append(f"""	<entry>
		<author>
			<name>两江新区</name>
		</author>
		<title type="html"><![CDATA[{t}]]></title>
		<link rel="alternate" type="text/html" href="/archives/{i}" />
		<id>/?p={i}</id>
		<updated>{iso(w)}</updated>
		<published>{iso(w)}</published>
		<category scheme="/" term="{cname}" />
		<summary type="html"><![CDATA[{summary}]]></summary>
	</entry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?><feed
  xmlns="http://www.w3.org/2005/Atom"
  xmlns:thr="http://purl.org/syndication/thread/1.0"
  xml:lang="zh-Hans"
  >
	<title type="text">重庆两江新区</title>
	<subtitle type="text">国家级新区 · 内陆开放门户</subtitle>

	<updated>{iso(allp[0][1])}</updated>

	<link rel="alternate" type="text/html" href="/" />
	<id>/feed/atom/</id>
	<link rel="self" type="application/atom+xml" href="/feed/atom/" />

	<generator uri="https://wordpress.org/" version="6.4.3">WordPress</generator>
{chr(10).join(entries)}
</feed>
"""


def build_b04():
    s = Site("b04-wp-chongqing-liangjiang", "WordPress")
    s.add("/", "index.html", b04_home(), "home", {
        "feeds": ["/feed/atom/"], "news_lists": ["/category/news/", "/category/notice/"],
        "region_hint": "重庆市", "zone_hint": "重庆两江新区"})
    s.add("/feed/atom/", "feed/atom/index.xml", b04_atom(), "other", {},
          ctype="application/atom+xml; charset=UTF-8")
    s.add("/category/news/", "category/news/index.html", b04_list("news"), "list", {
        "items": [{"title": t, "link": f"/archives/{i}", "date": w[:10]} for i, w, t, _ in B04_NEWS],
        "next_page": "/category/news/page/2/",
        "notes": "WordPress <article> entries: thumbnail link + title link to the same post; date shown as 2024年5月20日 in <time datetime>; 近期文章 widget repeats 5 posts"})
    s.add("/category/notice/", "category/notice/index.html", b04_list("notice"), "list", {
        "items": [{"title": t, "link": f"/archives/{i}", "date": w[:10]} for i, w, t in B04_NOTICE],
        "next_page": None,
        "notes": "single page, no pagination; entries without excerpt or thumbnail"})
    for i, a in B04_ARTICLES.items():
        rows = ([(x[0], x[1], x[2]) for x in B04_NEWS] if a["cat"] == "news" else B04_NOTICE)
        k = next(n for n, r in enumerate(rows) if r[0] == i)
        _, when, t = rows[k]
        prev, nxt = rows[(k + 1) % len(rows)], rows[k - 1]
        a["title"], a["when"] = t, when
        a["not_in_body"] = ["发布于", "上一篇:", "近期文章", f"来源：{a['source']}"]
        s.add(f"/archives/{i}", f"archives/{i}.html", b04_article(i, when, t, a, prev, nxt), "article",
              article_label(a))
    return s


# ===========================================================================
# b05  动易 SiteFactory (ASP.NET) — 广州开发区 / 黄埔区 — UTF-8; list as <table>
# ===========================================================================

B05_ITEMS = [
    (21345, "2022/12/20", "广州开发区出台“美玉10条”2.0版 加力支持先进制造业高质量发展"),
    (21341, "2022/12/19", "黄埔区、广州开发区召开2022年经济形势分析会"),
    (21338, "2022/12/16", "粤芯半导体三期项目主体结构封顶"),
    (21332, "2022/12/15", "广州开发区获批建设国家知识产权强国建设示范园区"),
    (21329, "2022/12/14", "中新广州知识城新增世界500强投资项目3个"),
    (21325, "2022/12/13", "广州开发区举行2022年度重点项目集中签约活动"),
    (21320, "2022/12/12", "小鹏汽车智能网联汽车产业园二期开工"),
    (21316, "2022/12/09", "黄埔区开展冬季消防安全专项检查"),
    (21311, "2022/12/08", "广州开发区发布生物医药产业发展白皮书"),
    (21307, "2022/12/07", "广州开发区政务服务中心推出“秒批”事项120项"),
    (21303, "2022/12/06", "香雪制药获评广东省制造业单项冠军企业"),
    (21299, "2022/12/05", "广州开发区举办2022年海外高层次人才交流会"),
]

B05_ARTICLES = {
    21345: dict(when="2022-12-20 17:05", source="黄埔区融媒体中心", author="黄伟", paras=[
        "12月20日，广州开发区、黄埔区正式发布《广州市黄埔区 广州开发区促进先进制造业高质量发展办法》等系列政策，即“美玉10条”2.0版，进一步加大对先进制造业企业的支持力度。",
        "新政策在原有基础上优化提升，从支持企业增资扩产、技术改造、智能化转型、首台（套）装备应用等10个方面提出具体措施，单个企业最高可获得1亿元奖励。",
        "据悉，“美玉10条”自2019年出台以来，累计兑现扶持资金超过50亿元，惠及企业2000余家次。",
    ]),
    21338: dict(when="2022-12-16 11:30", source="广州开发区投资促进局", author="林晓", paras=[
        "12月16日，位于广州开发区的粤芯半导体三期项目主体结构顺利封顶。该项目总投资160亿元，建成后将新增月产能4万片12英寸晶圆。",
        "粤芯半导体是广东省首条12英寸晶圆生产线，一期、二期项目已实现满产运营。三期项目将聚焦模拟芯片、功率器件等特色工艺。",
        "目前，广州开发区已集聚集成电路企业150余家，初步形成涵盖设计、制造、封装测试、装备材料的全产业链布局。",
    ], img="/UploadFiles/Article/2022/12/202212161130451234.jpg", img_at=1),
}


def b05_shell(title, body):
    chans = [("首页", "/Index.aspx")]
    groups = [
        ("区情概况", 101, ["区情简介", "历史沿革", "领导之窗", "机构设置", "行政区划"]),
        ("新闻中心", 104, ["开发区动态", "部门动态", "街镇动态", "媒体聚焦", "图片新闻", "视频新闻"]),
        ("政务公开", 120, ["通知公告", "政策文件", "政策解读", "规划信息", "财政信息", "人事信息", "统计信息"]),
        ("投资黄埔", 140, ["投资环境", "产业政策", "重点产业", "招商项目"]),
        ("政务服务", 160, ["办事指南", "政策兑现", "便民服务", "审批公示"]),
        ("互动交流", 180, ["区长信箱", "在线访谈", "征集调查", "12345热线"]),
    ]
    nav = ['<li><a href="/Index.aspx">首页</a></li>']
    for name, base, subs in groups:
        sub = "".join(f'<li><a href="/Category_{base + k}/Index.aspx">{s}</a></li>' for k, s in enumerate(subs, 1))
        nav.append(f'<li class="navli"><a href="/Category_{base}/Index.aspx">{name}</a><ul class="subnav">{sub}</ul></li>')
    links = GOV_LINKS + [("广东省人民政府", "http://www.gd.gov.cn/"), ("广州市人民政府", "https://www.gz.gov.cn/"),
                         ("中新广州知识城", "http://www.ssgkc.gov.cn/"), ("广州南沙开发区", "http://www.gzns.gov.cn/")]
    fl = "\n".join(f'<option value="{u}">{n}</option>' for n, u in links)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head id="Head1">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}</title>
<meta name="Keywords" content="广州开发区,黄埔区" />
<link href="/Skin/HuangPu/default.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script>
<script type="text/javascript" src="/js/Common.js"></script>
</head>
<body>
<form name="form1" method="post" action="" id="form1">
<div>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkLxQe7Y1o8p3vQx5Kx5aHn0kQZ2c=" />
</div>
<div id="top"><div class="topbar"><span class="date"><script type="text/javascript">ShowDate();</script></span><span class="toplink"><a href="/Category_190/Index.aspx">English</a> | <a href="/Category_191/Index.aspx">无障碍浏览</a> | <a href="/SiteMap.aspx">网站地图</a></span></div>
  <div class="logo"><a href="/Index.aspx"><img src="/Skin/HuangPu/images/logo.png" alt="广州开发区 黄埔区" /></a></div>
  <div class="search"><input name="keyword" type="text" id="keyword" class="keyword" /><a href="javascript:void(0)" onclick="SiteSearch();">搜索</a></div>
</div>
<div id="nav"><ul>{''.join(nav)}</ul></div>
{body}
<div id="friendlink">友情链接：<select name="link1" onchange="window.open(this.options[this.selectedIndex].value)"><option value="">---国家部委及省市网站---</option>
{fl}
</select></div>
<div id="bottom">
  <p><a href="/Category_195/Index.aspx">关于我们</a> | <a href="/Category_196/Index.aspx">联系我们</a> | <a href="/SiteMap.aspx">网站地图</a> | <a href="/Category_197/Index.aspx">使用帮助</a></p>
  <p>主办单位：广州开发区管委会办公室 广州市黄埔区人民政府办公室 &nbsp; 承办单位：广州开发区政务服务数据管理局</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备05012345号</a> &nbsp; <img src="/Skin/HuangPu/images/ga.png" alt="" />粤公网安备 44011202000123号 &nbsp; 网站标识码：4401120001</p>
  <p>技术支持：动易网络</p>
</div>
</form>
</body>
</html>
"""


def b05_list():
    rows = []
    for i, d, t in B05_ITEMS:
        rows.append(f"""      <tr>
        <td class="listIcon" width="20"><img src="/Skin/HuangPu/images/arrow.gif" alt="" /></td>
        <td class="listTitle"><a href="/Item/{i}.aspx" target="_blank" title="{t}">{t}</a></td>
        <td class="listDate" width="90" align="right">{d}</td>
      </tr>
      <tr><td colspan="3" class="listLine"></td></tr>""")
    pics = "".join(f'<li><a href="/Item/{i}.aspx" target="_blank"><img src="/UploadFiles/Article/2022/12/{i}s.jpg" alt="{t}" /></a><p><a href="/Item/{i}.aspx" target="_blank">{t}</a></p></li>'
                   for i, _, t in [B05_ITEMS[2], B05_ITEMS[6], B05_ITEMS[4]])
    tops = "".join(f'<li><a href="/Item/{i}.aspx" title="{t}">{t}</a></li>'
                   for i, _, t in [B05_ITEMS[0], B05_ITEMS[3], B05_ITEMS[9], B05_ITEMS[5], B05_ITEMS[1]])
    body = f"""<div id="main">
  <div class="left">
    <div class="lefttitle">新闻中心</div>
    <ul class="leftmenu">
      <li class="current"><a href="/Category_105/Index.aspx">开发区动态</a></li><li><a href="/Category_106/Index.aspx">部门动态</a></li><li><a href="/Category_107/Index.aspx">街镇动态</a></li><li><a href="/Category_108/Index.aspx">媒体聚焦</a></li>
    </ul>
    <div class="leftbox"><div class="boxtitle">图片新闻</div><ul class="picnews">{pics}</ul></div>
    <div class="leftbox"><div class="boxtitle">推荐阅读</div><ul class="toplist">{tops}</ul></div>
  </div>
  <div class="right">
    <div class="position">您现在的位置：<a href="/Index.aspx">首页</a> &gt;&gt; <a href="/Category_104/Index.aspx">新闻中心</a> &gt;&gt; <a href="/Category_105/Index.aspx">开发区动态</a></div>
    <div class="righttitle"><span>开发区动态</span></div>
    <table class="listTable" width="100%" border="0" cellpadding="0" cellspacing="0">
      <tbody>
{chr(10).join(rows)}
      </tbody>
    </table>
    <div class="pager">共 <span>1286</span> 条记录 &nbsp;第 <span>1</span>/<span>108</span> 页 &nbsp;<a disabled="disabled">首页</a> <a disabled="disabled">上一页</a> <a href="/Category_105/Index_2.aspx">下一页</a> <a href="/Category_105/Index_108.aspx">尾页</a> &nbsp;转到第<select onchange="window.location.href=this.value"><option value="/Category_105/Index.aspx" selected="selected">1</option><option value="/Category_105/Index_2.aspx">2</option><option value="/Category_105/Index_3.aspx">3</option></select>页</div>
  </div>
</div>"""
    return b05_shell("开发区动态 - 广州开发区 黄埔区", body)


def b05_article(i, t, a):
    k = next(n for n, it in enumerate(B05_ITEMS) if it[0] == i)
    prev, nxt = B05_ITEMS[k + 1], B05_ITEMS[k - 1 if k else k + 2]
    body_html = article_paras_html(a["paras"], "nbsp", a.get("img"), a.get("img_at"))
    body = f"""<div id="main">
  <div class="position">您现在的位置：<a href="/Index.aspx">首页</a> &gt;&gt; <a href="/Category_104/Index.aspx">新闻中心</a> &gt;&gt; <a href="/Category_105/Index.aspx">开发区动态</a> &gt;&gt; 正文</div>
  <div class="article">
    <div class="title">{t}</div>
    <div class="article_info">作者：{a['author']}&nbsp;&nbsp;&nbsp;&nbsp;来源：{a['source']}&nbsp;&nbsp;&nbsp;&nbsp;点击数：<span id="hits"><script type="text/javascript" src="/Ajax/GetHits.aspx?id={i}"></script></span>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：{a['when']}</div>
    <div class="article_fontsize">【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</div>
    <div class="article_content" id="fontzoom">
{body_html}
    </div>
    <div class="article_tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】【<a href="javascript:window.scrollTo(0,0)">返回顶部</a>】</div>
    <div class="article_prenext"><ul><li>上一篇：<a href="/Item/{prev[0]}.aspx">{prev[2]}</a></li><li>下一篇：<a href="/Item/{nxt[0]}.aspx">{nxt[2]}</a></li></ul></div>
  </div>
</div>"""
    return b05_shell(f"{t} - 广州开发区 黄埔区", body)


def build_b05():
    s = Site("b05-sitefactory-guangzhou-kfq", "动易 SiteFactory")
    s.add("/Category_105/Index.aspx", "Category_105/Index.aspx.html", b05_list(), "list", {
        "items": [{"title": t, "link": f"/Item/{i}.aspx", "date": d.replace("/", "-")} for i, d, t in B05_ITEMS],
        "next_page": "/Category_105/Index_2.aspx",
        "notes": "list is <table> rows (icon | title | date), separator rows between items; dates written 2022/12/20; 图片新闻/推荐阅读 in the LEFT column"})
    for i, a in B05_ARTICLES.items():
        t = next(x[2] for x in B05_ITEMS if x[0] == i)
        a["title"] = t
        a["not_in_body"] = ["打印本页", "关闭窗口", "返回顶部", "更新时间", "字体："]
        s.add(f"/Item/{i}.aspx", f"Item/{i}.aspx.html", b05_article(i, t, a), "article", article_label(a))
    return s


# ===========================================================================
# b06  TRS 政府信息公开 — 天津经济技术开发区 (泰达) — GB2312, charset in header
# ===========================================================================

B06_CODE = "11120116MB0B12345K"
B06_ROWS = [
    ("00187", "关于开展2023年度泰达科技型中小企业评价工作的通知", "天津经济技术开发区科技局", "2023-09-15", "t20230915_6018731"),
    ("00186", "天津经济技术开发区管理委员会关于印发《泰达促进生物医药产业高质量发展若干措施》的通知", "天津经济技术开发区管理委员会", "2023-09-14", "t20230914_6018102"),
    ("00185", "关于2023年第二批高新技术企业认定奖励资金拟拨付企业名单的公示", "天津经济技术开发区科技局", "2023-09-13", "t20230913_6017655"),
    ("00184", "天津开发区2023年1-8月主要经济指标", "天津经济技术开发区统计局", "2023-09-12", "t20230912_6017218"),
    ("00183", "关于做好2023年中秋节、国庆节期间安全生产工作的通知", "天津经济技术开发区应急管理局", "2023-09-11", "t20230911_6016843"),
    ("00182", "天津经济技术开发区2023年第三季度政府集中采购目录及限额标准", "天津经济技术开发区财政局", "2023-09-08", "t20230908_6016120"),
    ("00181", "关于公布2023年泰达“专精特新”中小企业名单的通知", "天津经济技术开发区工业和信息化局", "2023-09-07", "t20230907_6015520"),
    ("00180", "天津经济技术开发区管理委员会关于调整部分行政许可事项办理流程的公告", "天津经济技术开发区管理委员会", "2023-09-06", "t20230906_6015037"),
    ("00179", "关于开展2023年度泰达职业技能提升补贴申领工作的通知", "天津经济技术开发区人力资源和社会保障局", "2023-09-05", "t20230905_6014566"),
    ("00178", "天津经济技术开发区2023年上半年财政预算执行情况", "天津经济技术开发区财政局", "2023-09-04", "t20230904_6014011"),
    ("00177", "关于征集2023年泰达重点产业链“链主”企业的通知", "天津经济技术开发区投资促进局", "2023-09-01", "t20230901_6013298"),
    ("00176", "天津经济技术开发区生态环境局关于2023年8月份环境空气质量情况的通报", "天津经济技术开发区生态环境局", "2023-08-31", "t20230831_6012874"),
]

B06_ARTICLES = {
    "00187": dict(subject="科技、教育", docno="津开科〔2023〕45号", written="2023-09-12", paras=[
        "各有关企业：",
        "为贯彻落实《科技型中小企业评价办法》（国科发政〔2017〕115号）有关要求，进一步做好泰达科技型中小企业培育工作，现将2023年度评价工作有关事项通知如下。",
        "一、评价条件。在天津经济技术开发区注册的居民企业，职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元。",
        "二、办理时间。企业可于2023年9月15日至2023年10月31日登录全国科技型中小企业信息服务平台自主填报。",
        "三、联系方式。天津经济技术开发区科技局，联系电话：022-25201234。",
    ], sign=("天津经济技术开发区科技局", "2023年9月12日"),
        starts="各有关企业：为贯彻落实《科技型中小企业评价办法》",
        ends="天津经济技术开发区科技局 2023年9月12日"),
    "00181": dict(subject="工业、交通", docno="津开工信〔2023〕38号", written="2023-09-05", paras=[
        "各有关企业：",
        "根据《天津经济技术开发区“专精特新”中小企业培育管理办法》，经企业自主申报、材料审核、专家评审和网上公示等程序，认定天津凯莱英医药科技发展有限公司等86家企业为2023年泰达“专精特新”中小企业，现予以公布。",
        "希望被认定企业坚持专业化、精细化、特色化、新颖化发展方向，持续提升创新能力和核心竞争力，发挥示范引领作用。",
    ], attach=("./P020230907512345678901.xlsx", "2023年泰达“专精特新”中小企业名单"),
        starts="各有关企业：根据《天津经济技术开发区",
        ends="附件：2023年泰达“专精特新”中小企业名单"),
}


def b06_shell(title, body, head_extra=""):
    cats = [("政府信息公开指南", "zn"), ("政府信息公开制度", "zd"), ("法定主动公开内容", "fdzdgknr"),
            ("政府信息公开年报", "nb"), ("依申请公开", "ysqgk")]
    topnav = [("首页", "/"), ("泰达概况", "/tdgk/"), ("新闻中心", "/xwzx/"), ("政务公开", "/zwgk/"),
              ("政府信息公开", "/xxgk/"), ("政务服务", "/zwfw/"), ("投资泰达", "/tztd/"), ("互动交流", "/hdjl/"),
              ("专题专栏", "/ztzl/")]
    tn = "".join(f'<li><a href="{h}">{n}</a></li>' for n, h in topnav)
    cl = "".join(f'<li><a href="/xxgk/{k}/">{n}</a></li>' for n, k in cats)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{title}</title>
<meta name="SiteName" content="天津经济技术开发区管理委员会" />
<meta name="SiteDomain" content="www.teda.gov.cn" />
<meta name="SiteIDCode" content="1200000034" />
<meta name="ColumnName" content="法定主动公开内容" />
<meta name="ColumnType" content="政府信息公开" />
{head_extra}<link href="/images/xxgk.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery-1.8.3.min.js"></script>
</head>
<body>
<div class="top"><div class="w1100"><a href="/"><img src="/images/xxgk_logo.png" alt="天津经济技术开发区管理委员会 政府信息公开" /></a>
  <div class="search"><form action="/was5/web/search" method="get" target="_blank"><input type="hidden" name="channelid" value="235512" /><input type="text" name="searchword" value="" /><input type="submit" value="检索" /></form></div></div></div>
<div class="nav"><ul class="w1100">{tn}</ul></div>
<div class="w1100 position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/fdzdgknr/">法定主动公开内容</a></div>
<div class="w1100 clearfix">
  <div class="xxgk-left">
    <div class="xxgk-left-tit">信息公开目录</div>
    <ul class="xxgk-tree">{cl}</ul>
    <div class="xxgk-left-tit">主题分类</div>
    <ul class="xxgk-tree"><li><a href="/xxgk/ztfl/zhzw/">综合政务</a></li><li><a href="/xxgk/ztfl/gmjj/">国民经济管理、国有资产监管</a></li><li><a href="/xxgk/ztfl/czjr/">财政、金融、审计</a></li><li><a href="/xxgk/ztfl/gyjt/">工业、交通</a></li><li><a href="/xxgk/ztfl/kjjy/">科技、教育</a></li><li><a href="/xxgk/ztfl/ldrs/">劳动、人事</a></li><li><a href="/xxgk/ztfl/cxjs/">城乡建设、环境保护</a></li><li><a href="/xxgk/ztfl/scjg/">市场监管、安全生产监管</a></li></ul>
  </div>
  <div class="xxgk-right">
{body}
  </div>
</div>
<div class="footer"><div class="w1100">
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/wzsm/">网站声明</a></p>
  <p>主办单位：天津经济技术开发区管理委员会 &nbsp; 承办单位：天津经济技术开发区政务服务办公室</p>
  <p><a href="https://beian.miit.gov.cn" target="_blank">津ICP备05004321号-1</a> &nbsp; 津公网安备 12011602000234号 &nbsp; 网站标识码：1200000034</p>
  <p>Copyright&copy;2023 www.teda.gov.cn All Rights Reserved</p>
</div></div>
</body>
</html>
"""


def b06_list():
    rows = []
    for k, (no, t, org, d, fn) in enumerate(B06_ROWS):
        cls = ' class="bg"' if k % 2 else ""
        rows.append(f"""<tr{cls}>
  <td class="td1">{B06_CODE}/2023-{no}</td>
  <td class="td2"><a href="./{fn[1:7]}/{fn}.html" target="_blank" title="{t}">{t}</a></td>
  <td class="td3">{org}</td>
  <td class="td4">{d}</td>
</tr>""")
    body = f"""    <div class="xxgk-search">
      <table><tr><td>索引号：<input type="text" name="syh" /></td><td>名称：<input type="text" name="title" /></td><td>文号：<input type="text" name="wh" /></td><td><input type="button" value="查询" onclick="doSearch()" /></td></tr></table>
    </div>
    <div class="xxgk-list-tit">法定主动公开内容</div>
    <table class="xxgk-list" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr class="th"><th width="22%">索引号</th><th>名称</th><th width="20%">发布机构</th><th width="12%">生成日期</th></tr>
{chr(10).join(rows)}
    </table>
    <div class="page"><script language="JavaScript">
var currentPage = 0;//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = 16//共多少页
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){{
  if(_nPageCount == null || _nPageCount<=1){{ return; }}
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("首页&nbsp;&nbsp;上一页&nbsp;&nbsp;");
  else document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;&nbsp;<a href=\\""+_sPageName+"_"+(nCurrIndex-1 == 0 ? "" : nCurrIndex-1)+"."+_sPageExt+"\\">上一页</a>&nbsp;&nbsp;");
  if(nCurrIndex < _nPageCount-1) document.write("<a href=\\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a>&nbsp;&nbsp;<a href=\\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\\">尾页</a>");
  document.write("&nbsp;&nbsp;共"+_nPageCount+"页");
}}
createPageHTML(16, 0, "index", "html");
</script></div>"""
    return b06_shell("法定主动公开内容_天津经济技术开发区管理委员会", body)


def b06_article(no, t, org, d, a):
    body_html = article_paras_html(a["paras"], "trs")
    tail = ""
    if a.get("sign"):
        tail += f'\n<p align="right" style="text-align: right;">{a["sign"][0]}</p>\n<p align="right" style="text-align: right;">{a["sign"][1]}</p>'
    if a.get("attach"):
        tail += f'\n<p align="justify" style="text-indent: 2em;">附件：<a href="{a["attach"][0]}" OLDSRC="/protect/P0202309/P020230907/{a["attach"][0][2:]}">{a["attach"][1]}</a></p>'
    head = (f'<meta name="ArticleTitle" content="{t}" />\n<meta name="ContentSource" content="{org}" />\n'
            '<meta name="Keywords" content="" />\n')
    body = f"""    <div class="xxgk-info">
      <table class="xxgk-table" width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><th width="13%">索 引 号：</th><td width="37%">{B06_CODE}/2023-{no}</td><th width="13%">主题分类：</th><td>{a['subject']}</td></tr>
        <tr><th>发布机构：</th><td>{org}</td><th>文　　号：</th><td>{a['docno']}</td></tr>
        <tr><th>成文日期：</th><td>{a['written']}</td><th>发布日期：</th><td>{d}</td></tr>
        <tr><th>名　　称：</th><td colspan="3">{t}</td></tr>
      </table>
    </div>
    <div class="xxgk-article">
      <h1 class="title">{t}</h1>
      <div class="zoom">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></div>
      <div class="TRS_Editor"><style type="text/css">
.TRS_Editor P{{margin-top:5px;margin-bottom:5px;line-height:1.8;font-family:宋体;font-size:12pt;}}.TRS_Editor DIV{{margin-top:5px;margin-bottom:5px;line-height:1.8;font-family:宋体;font-size:12pt;}}
</style>
<div class="TRS_Editor">
{body_html}{tail}
</div></div>
      <div class="xxgk-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    </div>"""
    return b06_shell(f"{t}_天津经济技术开发区管理委员会", body, head)


def build_b06():
    s = Site("b06-gkml-tianjin-teda", "TRS WCM 政府信息公开")
    enc, ct = "gb2312", "text/html; charset=gb2312"
    base = "/xxgk/fdzdgknr/"
    s.add(base + "index.html", "xxgk/fdzdgknr/index.html", b06_list(), "list", {
        "items": [{"title": t, "link": f"{base}{fn[1:7]}/{fn}.html", "date": d} for no, t, org, d, fn in B06_ROWS],
        "next_page": base + "index_1.html",
        "notes": "政府信息公开 table: 索引号 | 名称 | 发布机构 | 生成日期 with a <th> header row; links ./YYYYMM/tYYYYMMDD_N.html; "
                 "next page only through TRS createPageHTML(16, 0, \"index\", \"html\") JavaScript"}, enc, ct)
    for no, t, org, d, fn in B06_ROWS:
        if no not in B06_ARTICLES:
            continue
        a = B06_ARTICLES[no]
        a["title"], a["when"], a["source"] = t, d, org
        a["not_in_body"] = ["索 引 号", "成文日期", "打印本页", "关闭窗口"]
        s.add(f"{base}{fn[1:7]}/{fn}.html", f"xxgk/fdzdgknr/{fn[1:7]}/{fn}.html", b06_article(no, t, org, d, a),
              "article", article_label(a), enc, ct)
    return s


# ===========================================================================
# b07  Vue-SSR portal — 昆明高新区 — UTF-8; news-item cards; jeecg-style JSON
#      (result.records, releaseTime epoch ms); RSS only as a footer <a>
# ===========================================================================

B07_ITEMS = [
    (1767, "2024-03-12 16:30", "2024-03-12 15:02:11", "昆明高新区召开2024年招商引资工作推进会",
     "会议总结2023年招商引资工作，安排部署2024年重点任务，全年力争引进亿元以上项目60个。", "昆明高新区投资促进局"),
    (1765, "2024-03-11 10:00", "2024-03-10 18:40:05", "昆明高新区生物医药产业园新引进企业8家",
     "今年以来，生物医药产业园新引进企业8家，涵盖创新药、医疗器械、植物提取等领域。", "昆明高新区融媒体中心"),
    (1762, "2024-03-08 17:20", "2024-03-08 16:55:30", "昆明高新区举办“三八”国际妇女节系列活动",
     "活动通过专题讲座、技能展示、志愿服务等形式，展现新时代女性风采。", "昆明高新区党群工作部"),
    (1760, "2024-03-07 11:45", "2024-03-07 09:12:44", "贝泰妮集团研发中心项目竣工验收",
     "项目总建筑面积约5.6万平方米，将建设皮肤健康研究院、功效评价中心等研发平台。", "昆明高新区融媒体中心"),
    (1757, "2024-03-06 09:40", "2024-03-05 20:31:17", "昆明高新区2024年第一批重点项目集中开工",
     "此次集中开工项目15个，总投资86.5亿元，涉及生物医药、新材料、数字经济等产业。", "昆明高新区融媒体中心"),
    (1755, "2024-03-05 15:10", "2024-03-05 14:48:02", "昆明高新区开展“学雷锋”志愿服务活动",
     "各社区、企业志愿服务队深入街头巷尾，开展环境整治、义诊、政策宣传等志愿服务。", "昆明高新区党群工作部"),
    (1751, "2024-03-04 10:30", "2024-03-01 17:26:39", "昆明高新区出台支持科技型企业发展十条措施",
     "措施从研发投入、平台建设、成果转化、人才引育等方面对科技型企业给予支持。", "昆明高新区科技创新局"),
    (1748, "2024-03-01 16:00", "2024-03-01 15:21:08", "云南白药集团与昆明高新区签署战略合作协议",
     "双方将在产业项目落地、科技研发、人才培养等方面开展全方位合作。", "昆明高新区投资促进局"),
    (1746, "2024-02-29 11:20", "2024-02-29 10:03:55", "昆明高新区召开安全生产工作会议",
     "会议要求各企业压紧压实安全生产主体责任，扎实开展安全生产治本攻坚三年行动。", "昆明高新区应急管理局"),
]

B07_ARTICLES = {
    1767: dict(views=1268, paras=[
        "3月12日，昆明高新区召开2024年招商引资工作推进会，总结2023年招商引资工作，安排部署2024年重点任务。",
        "2023年，昆明高新区共引进亿元以上项目52个，协议投资额412亿元，实际到位内资同比增长18.6%，招商引资主要指标位居全市前列。",
        "会议强调，2024年要聚焦生物医药、新材料、数字经济等主导产业，实施产业链精准招商，全年力争引进亿元以上项目60个。",
    ]),
    1757: dict(views=2031, paras=[
        "3月6日，昆明高新区2024年第一批重点项目集中开工仪式在马金铺片区举行，此次集中开工项目15个，总投资86.5亿元。",
        "开工项目涉及生物医药、新材料、数字经济、基础设施等领域，其中产业项目11个，总投资71.2亿元。",
        "昆明高新区将建立重点项目服务专班，实行“一企一策”精准服务，推动项目早建成、早投产、早见效。",
    ]),
}


def b07_shell(title, body, route):
    v = 'data-v-4a1c2e3f'
    nav = [("首页", "/"), ("走进高新", "/about"), ("新闻中心", "/news/yqdt"), ("投资促进", "/invest"),
           ("政务服务", "/service"), ("科技创新", "/innovation"), ("党建引领", "/party"), ("互动交流", "/interact")]
    subs = {"走进高新": ["高新概况", "领导信息", "机构设置", "发展规划", "园区分布"],
            "投资促进": ["投资环境", "产业布局", "招商政策", "载体资源", "投资指南"],
            "政务服务": ["办事指南", "惠企政策", "政策兑现", "信息公开", "公共资源交易"],
            "科技创新": ["创新平台", "科技企业", "人才服务", "知识产权"],
            "党建引领": ["党建动态", "清风高新"],
            "互动交流": ["书记信箱", "主任信箱", "意见征集"]}
    li = []
    for name, href in nav:
        act = " is-active" if href == route else ""
        sub = ""
        if name in subs:
            sub = f'<div class="sub-menu" {v}>' + "".join(
                f'<a href="{href}/{k}" {v}>{s}</a>' for k, s in enumerate(subs[name], 1)) + "</div>"
        li.append(f'<li class="nav-item{act}" {v}><a href="{href}" class="nav-link" {v}>{name}</a>{sub}</li>')
    links = [("中国政府网", "http://www.gov.cn/"), ("云南省人民政府", "https://www.yn.gov.cn/"),
             ("昆明市人民政府", "https://www.km.gov.cn/"), ("云南省科技厅", "https://kjt.yn.gov.cn/"),
             ("昆明经开区", "http://ketdz.km.gov.cn/"), ("滇中新区", "http://www.dzxq.gov.cn/"),
             ("科学技术部火炬中心", "http://www.chinatorch.gov.cn/")]
    fl = "".join(f'<a href="{u}" target="_blank" class="friend-link" {v}>{n}</a>' for n, u in links)
    return f"""<!DOCTYPE html>
<html lang="zh-CN" data-n-head-ssr>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<meta data-n-head="ssr" data-hid="description" name="description" content="昆明高新技术产业开发区管理委员会门户网站">
<link rel="icon" type="image/x-icon" href="/favicon.ico">
<link rel="preload" href="/_nuxt/runtime.3b1d2f0.js" as="script">
<link rel="preload" href="/_nuxt/commons/app.8a4c91e.js" as="script">
<link rel="stylesheet" href="/_nuxt/css/app.5f27d3a.css">
</head>
<body>
<div data-server-rendered="true" id="__nuxt"><div id="__layout"><div class="layout" {v}>
<header class="header" {v}>
  <div class="header-top" {v}><span {v}>欢迎访问昆明高新技术产业开发区管理委员会官方网站</span><div class="header-tools" {v}><a href="/accessible" {v}>无障碍</a><a href="/m" {v}>移动版</a><a href="/en" {v}>English</a></div></div>
  <div class="header-main" {v}><a href="/" class="logo" {v}><img src="/_nuxt/img/logo.8c2b1f4.png" alt="昆明高新技术产业开发区" {v}></a>
    <div class="search-box" {v}><input type="text" placeholder="请输入搜索内容" class="el-input__inner" {v}><button type="button" class="el-button el-button--primary" {v}><span>搜索</span></button></div></div>
  <nav class="nav" {v}><ul class="nav-list" {v}>{''.join(li)}</ul></nav>
</header>
{body}
<footer class="footer" {v}>
  <div class="friend-links" {v}><span {v}>友情链接：</span>{fl}</div>
  <div class="footer-info" {v}>
    <p {v}><a href="/about/contact" {v}>联系我们</a> | <a href="/sitemap" {v}>网站地图</a> | <a href="/rss.xml" target="_blank" {v}>RSS订阅</a> | <a href="/statement" {v}>网站声明</a></p>
    <p {v}>主办单位：昆明高新技术产业开发区管理委员会　承办单位：昆明高新区党政办公室</p>
    <p {v}>地址：云南省昆明市高新区海源中路1520号　邮编：650106</p>
    <p {v}><a href="https://beian.miit.gov.cn/" target="_blank" {v}>滇ICP备09001234号-2</a>　滇公网安备 53011102000567号　网站标识码：5301000044</p>
  </div>
</footer>
</div></div></div>
<script>window.__NUXT__=(function(a,b,c){{return {{layout:"default",data:[{{}}],fetch:{{}},error:null,state:{{lang:"zh-CN",route:"{route}"}},serverRendered:true,routePath:"{route}",config:{{_app:{{basePath:a,assetsPath:b,cdnURL:c}}}}}}}}("/","/_nuxt/",null));</script>
<script src="/_nuxt/runtime.3b1d2f0.js" defer></script><script src="/_nuxt/commons/app.8a4c91e.js" defer></script>
</body>
</html>
"""


def b07_card(i, when, t, summary):
    v = 'data-v-6b2e8d14'
    y, m, d = when[:10].split("-")
    return f"""<div class="news-item" {v}>
  <a href="/news/detail/{i}" class="news-img" {v}><img src="/upload/2024/{m}/{d}/{i}_cover.jpg" alt="{t}" {v}></a>
  <div class="news-info" {v}>
    <a href="/news/detail/{i}" class="news-title" {v}>{t}</a>
    <p class="news-summary" {v}>{summary}</p>
    <div class="news-date" {v}><span class="day" {v}>{d}</span><span class="ym" {v}>{y}-{m}</span></div>
  </div>
</div>"""


def b07_list():
    v = 'data-v-6b2e8d14'
    cards = "\n".join(b07_card(i, w, t, sm) for i, w, _, t, sm, _ in B07_ITEMS)
    hot = "".join(f'<li class="hot-item" {v}><span class="hot-rank" {v}>{k}</span><a href="/news/detail/{i}" {v}>{t}</a></li>'
                  for k, (i, _, _, t, _, _) in enumerate([B07_ITEMS[4], B07_ITEMS[0], B07_ITEMS[7], B07_ITEMS[3]], 1))
    body = f"""<main class="page-news" {v}>
  <div class="banner" {v}><img src="/_nuxt/img/banner-news.2c4f1a7.jpg" alt="" {v}></div>
  <div class="container" {v}>
    <div class="breadcrumb" {v}><span {v}>当前位置：</span><a href="/" {v}>首页</a> &gt; <a href="/news/yqdt" {v}>新闻中心</a> &gt; <span {v}>园区动态</span></div>
    <div class="news-main" {v}>
      <aside class="news-side" {v}>
        <div class="side-title" {v}>新闻中心</div>
        <ul class="side-menu" {v}><li class="active" {v}><a href="/news/yqdt" {v}>园区动态</a></li><li {v}><a href="/news/mtjj" {v}>媒体聚焦</a></li><li {v}><a href="/news/tzgg" {v}>通知公告</a></li><li {v}><a href="/news/video" {v}>视频高新</a></li></ul>
        <div class="side-title" {v}>热点排行</div>
        <ul class="hot-list" {v}>{hot}</ul>
      </aside>
      <section class="news-content" {v}>
        <div class="news-list" {v}>
{cards}
        </div>
        <div class="el-pagination is-background" {v}><span class="el-pagination__total">共 86 条</span><button type="button" disabled="disabled" class="btn-prev"><i class="el-icon el-icon-arrow-left"></i></button><ul class="el-pager"><li class="number active">1</li><li class="number"><a href="/news/yqdt?page=2" {v}>2</a></li><li class="number"><a href="/news/yqdt?page=3" {v}>3</a></li><li class="el-icon more btn-quicknext el-icon-more"></li><li class="number"><a href="/news/yqdt?page=10" {v}>10</a></li></ul><a href="/news/yqdt?page=2" class="btn-next" {v}>下一页</a></div>
      </section>
    </div>
  </div>
</main>"""
    return b07_shell("园区动态-新闻中心-昆明高新技术产业开发区", body, "/news/yqdt")


def b07_article(i, when, t, src, a, prev, nxt):
    v = 'data-v-1d7f3c52'
    body_html = article_paras_html(a["paras"], "plain")
    body = f"""<main class="page-detail" {v}>
  <div class="container" {v}>
    <div class="breadcrumb" {v}><span {v}>当前位置：</span><a href="/" {v}>首页</a> &gt; <a href="/news/yqdt" {v}>新闻中心</a> &gt; <a href="/news/yqdt" {v}>园区动态</a> &gt; <span {v}>详情</span></div>
    <div class="detail" {v}>
      <h1 class="detail-title" {v}>{t}</h1>
      <div class="detail-info" {v}><span {v}>发布时间：{when}</span><span {v}>来源：{src}</span><span {v}>浏览量：{a['views']}</span>
        <span class="font-size" {v}>字号：<a href="javascript:;" {v}>大</a><a href="javascript:;" {v}>中</a><a href="javascript:;" {v}>小</a></span></div>
      <div class="detail-content ql-editor" {v}>
{body_html}
      </div>
      <div class="detail-share" {v}>分享到：<a href="javascript:;" class="share-wx" {v}>微信</a><a href="javascript:;" class="share-wb" {v}>微博</a></div>
      <div class="detail-page" {v}><p {v}>上一篇：<a href="/news/detail/{prev[0]}" {v}>{prev[3]}</a></p><p {v}>下一篇：<a href="/news/detail/{nxt[0]}" {v}>{nxt[3]}</a></p></div>
    </div>
  </div>
</main>"""
    return b07_shell(f"{t}-昆明高新技术产业开发区", body, f"/news/detail/{i}")


def b07_home():
    v = 'data-v-2e9a7b61'
    banners = "".join(f'<div class="swiper-slide" {v}><a href="/news/detail/{i}" {v}><img src="/upload/2024/03/banner_{i}.jpg" alt="{t}" {v}><p class="swiper-title" {v}>{t}</p></a></div>'
                      for i, _, _, t, _, _ in B07_ITEMS[:3])
    news = "".join(f'<li class="home-news-item" {v}><a href="/news/detail/{i}" {v}>{t}</a><span {v}>{w[5:10]}</span></li>'
                   for i, w, _, t, _, _ in B07_ITEMS[:6])
    body = f"""<main class="page-home" {v}>
  <section class="home-banner" {v}><div class="swiper-container" {v}><div class="swiper-wrapper" {v}>{banners}</div><div class="swiper-pagination" {v}></div></div></section>
  <section class="home-news" {v}>
    <div class="home-title" {v}><h2 {v}>园区动态</h2><a href="/news/yqdt" class="more" {v}>查看更多 +</a></div>
    <ul class="home-news-list" {v}>{news}</ul>
  </section>
  <section class="home-invest" {v}>
    <div class="home-title" {v}><h2 {v}>投资高新</h2><a href="/invest" class="more" {v}>查看更多 +</a></div>
    <div class="invest-cards" {v}><a href="/invest/1" class="invest-card" {v}>投资环境</a><a href="/invest/2" class="invest-card" {v}>产业布局</a><a href="/invest/3" class="invest-card" {v}>招商政策</a><a href="/invest/4" class="invest-card" {v}>载体资源</a></div>
  </section>
  <section class="home-data" {v}>
    <div class="home-title" {v}><h2 {v}>数说高新</h2></div>
    <ul class="data-list" {v}><li {v}><b {v}>1056.3</b><span {v}>营业总收入（亿元）</span></li><li {v}><b {v}>612</b><span {v}>高新技术企业（家）</span></li><li {v}><b {v}>38</b><span {v}>上市企业（家）</span></li></ul>
  </section>
  <section class="home-service" {v}>
    <div class="home-title" {v}><h2 {v}>政务服务</h2></div>
    <div class="service-grid" {v}><a href="/service/1" {v}>办事指南</a><a href="/service/2" {v}>惠企政策</a><a href="/service/3" {v}>政策兑现</a><a href="https://zwfw.yn.gov.cn/" target="_blank" {v}>一部手机办事通</a></div>
  </section>
</main>"""
    return b07_shell("昆明高新技术产业开发区", body, "/")


def b07_api():
    recs = []
    for i, w, created, t, sm, src in B07_ITEMS:
        recs.append({
            "id": str(i), "columnId": "1580123456789012482", "columnCode": "yqdt", "title": t,
            "summary": sm, "coverImage": f"/upload/2024/{w[5:7]}/{w[8:10]}/{i}_cover.jpg",
            "source": src, "author": None, "releaseTime": epoch_ms(w), "createTime": created,
            "createBy": "admin", "viewCount": 800 + i % 97 * 13, "isTop": "0",
            "url": f"/news/detail/{i}", "status": "1",
        })
    doc = {"success": True, "message": "操作成功！", "code": 200,
           "result": {"records": recs, "total": 86, "size": 9, "current": 1, "orders": [],
                      "optimizeCountSql": True, "searchCount": True, "countId": None, "maxLimit": None,
                      "pages": 10},
           "timestamp": 1710300000000}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def b07_rss():
    items = []
    for i, w, _, t, sm, _ in B07_ITEMS:
        dt = datetime.strptime(w, "%Y-%m-%d %H:%M").replace(tzinfo=CST)
        items.append(f"""<item>
<title><![CDATA[{t}]]></title>
<link>/news/detail/{i}</link>
<description><![CDATA[{sm}]]></description>
<pubDate>{dt.strftime('%a, %d %b %Y %H:%M:%S +0800')}</pubDate>
<guid isPermaLink="false">kmhnz-{i}</guid>
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>昆明高新技术产业开发区 - 园区动态</title>
<link>/news/yqdt</link>
<description>昆明高新区园区动态</description>
<language>zh-cn</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def build_b07():
    s = Site("b07-vue-kunming-hitech", "custom Vue-SSR (Nuxt) portal + jeecg-boot JSON API")
    s.add("/", "index.html", b07_home(), "home", {
        "feeds": ["/rss.xml"], "news_lists": ["/news/yqdt"],
        "region_hint": "昆明市", "zone_hint": "昆明高新技术产业开发区"})
    s.add("/rss.xml", "rss.xml", b07_rss(), "other", {}, ctype="text/xml")
    s.add("/news/yqdt", "news/yqdt/index.html", b07_list(), "list", {
        "items": [{"title": t, "link": f"/news/detail/{i}", "date": w[:10]} for i, w, _, t, _, _ in B07_ITEMS],
        "next_page": "/news/yqdt?page=2",
        "notes": "<div class=news-item> cards: image link + title link to the same URL, summary, date split into <span class=day>12</span><span class=ym>2024-03</span>; data-v-* attributes"})
    for i, a in B07_ARTICLES.items():
        k = next(n for n, r in enumerate(B07_ITEMS) if r[0] == i)
        _, w, _, t, _, src = B07_ITEMS[k]
        a.update(title=t, when=w, source=src)
        a["not_in_body"] = ["分享到", "上一篇：", "浏览量", "字号"]
        s.add(f"/news/detail/{i}", f"news/detail/{i}.html",
              b07_article(i, w, t, src, a, B07_ITEMS[k + 1], B07_ITEMS[k - 1]), "article", article_label(a))
    s.add("/api/portal/article/page?columnCode=yqdt&pageNo=1&pageSize=9", "api/article_page_yqdt_1.json",
          b07_api(), "json", {
              "array_path": "result.records",
              "items": [{"title": t, "link": f"/news/detail/{i}", "date": iso(w)} for i, w, _, t, _, _ in B07_ITEMS],
              "jsonp": False}, ctype="application/json;charset=UTF-8")
    return s


# ===========================================================================
# b08  custom ASP.NET CMS — 西安高新区 — GB18030, served without charset;
#      home without feeds whose 4 news sections are list pages
# ===========================================================================

B08_XWDT = [  # 新闻动态: date inside the link text
    (58123, "2023-11-20", "西安高新区召开“三个年”活动推进会"),
    (58117, "2023-11-17", "西安高新区举行2023年第四季度重点项目集中签约 总投资218亿元"),
    (58110, "2023-11-16", "三星（中国）半导体12英寸闪存芯片二期项目满产运行"),
    (58104, "2023-11-15", "“丝路•硬科技”创新创业大赛总决赛在西安高新区举行"),
    (58098, "2023-11-14", "西安高新区召开冬季安全生产暨消防安全工作会议"),
    (58091, "2023-11-13", "隆基绿能西安高新区研发中心正式启用"),
    (58085, "2023-11-10", "西安高新区开展“119”消防宣传月活动"),
    (58079, "2023-11-09", "西安高新区12家企业获评陕西省“专精特新”示范企业"),
    (58073, "2023-11-08", "西安高新区举办第二届秦创原科技成果转化对接会"),
    (58066, "2023-11-07", "西安高新区与西北工业大学共建未来产业创新研究院"),
]
B08_YQYW = [  # 园区要闻: relative ./YYYYMM/ links, NEW icons
    (58120, "2023-11-20", "西安高新区前三季度主要经济指标持续领跑全市"),
    (58112, "2023-11-16", "西安高新区获批国家知识产权强国建设示范园区"),
    (58101, "2023-11-15", "西安交通大学与西安高新区签署校地合作协议"),
    (58087, "2023-11-10", "西安高新区在全国高新区综合评价中位列第五"),
    (58076, "2023-11-08", "西安高新区2023年秋季重点项目观摩活动举行"),
    (58060, "2023-11-06", "第十届全球硬科技创新大会在西安高新区开幕"),
    (58052, "2023-11-03", "西安高新区召开党工委（扩大）会议"),
    (58041, "2023-11-01", "西安高新区“秦创原”立体联动孵化器运营成效显著"),
]
B08_TZGG = [  # 通知公告: <dl><dt><dd>, links relative without ./
    (57998, "2023-11-17", "关于开展2023年度西安高新区瞪羚企业认定工作的通知"),
    (57990, "2023-11-14", "西安高新区管委会关于2023年度政府购买服务项目的公示"),
    (57985, "2023-11-10", "关于征集2024年西安高新区重点研发计划项目指南建议的通知"),
    (57979, "2023-11-06", "西安高新区2023年公开招聘社区工作者公告"),
    (57970, "2023-11-01", "关于2023年西安高新区科技型中小企业创新券兑付名单的公示"),
    (57962, "2023-10-27", "关于组织申报2023年度陕西省工业设计中心的通知"),
]
B08_TAGS = {"招商动态": "/zsyz/zsdt/", "项目签约": "/zsyz/xmqy/", "政策解读": "/zsyz/zcjd/"}
B08_ZSYZ = [  # 招商引资: [tag] link + title link
    (58115, "2023-11-17", "项目签约", "比亚迪西安高新区新能源汽车零部件基地扩建项目签约"),
    (58095, "2023-11-14", "招商动态", "西安高新区赴深圳开展半导体产业链专题招商活动"),
    (58081, "2023-11-10", "政策解读", "一图读懂《西安高新区关于支持光子产业高质量发展的若干政策》"),
    (58068, "2023-11-07", "项目签约", "西安高新区与华为签署鲲鹏生态创新中心合作协议"),
    (58055, "2023-11-03", "招商动态", "西安高新区2023年秋季招商推介会在上海举行"),
    (58043, "2023-11-01", "招商动态", "西安高新区新增外资企业15家 实际利用外资同比增长21%"),
]

B08_SECTIONS = {
    "xwdt": ("新闻动态", "/xwzx/xwdt/"), "yqyw": ("园区要闻", "/xwzx/yqyw/"),
    "tzgg": ("通知公告", "/xwzx/tzgg/"), "zsyz": ("招商引资", "/zsyz/"),
}


def b08_url(sec, i, d):
    ym = d[:4] + d[5:7]
    if sec == "zsyz":
        tag = next(x[2] for x in B08_ZSYZ if x[0] == i)
        return f"{B08_TAGS[tag]}{ym}/{i}.html"
    return f"{B08_SECTIONS[sec][1]}{ym}/{i}.html"


B08_ARTICLES = {
    58123: dict(sec="xwdt", fmt="时间：{cn}", when="2023-11-20", source="西安高新区管委会办公室", editor="王倩", paras=[
        "11月20日，西安高新区召开“三个年”活动推进会，总结前一阶段活动开展情况，安排部署下一步重点工作。",
        "会议指出，“三个年”活动开展以来，全区上下聚焦项目建设、营商环境、干部作风三大重点，推动各项工作取得明显成效，前三季度主要经济指标保持稳定增长。",
        "会议要求，要紧盯年度目标任务，坚持问题导向，以更大力度推进重点项目建设，持续优化营商环境，确保全年目标任务圆满完成。",
    ]),
    58104: dict(sec="xwdt", fmt="日期：{iso}", when="2023-11-15 10:15", source="西安高新区创新发展局", editor="赵磊", paras=[
        "11月15日，“丝路•硬科技”创新创业大赛总决赛在西安高新区举行，来自全国各地的30个优秀项目同台竞技。",
        "本届大赛自今年7月启动以来，共吸引1260个项目报名参赛，涵盖光子、人工智能、航空航天、新材料等硬科技领域。",
        "经过激烈角逐，大赛最终评选出一等奖3名、二等奖6名、三等奖9名，获奖项目将享受西安高新区落地扶持政策。",
    ]),
    58112: dict(sec="yqyw", fmt="发布时间：{iso}", when="2023-11-16 16:40", source="陕西日报", editor="李娜", paras=[
        "近日，国家知识产权局公布新一批国家知识产权强国建设示范园区名单，西安高新区成功入选。",
        "近年来，西安高新区深入实施知识产权强区战略，每万人口高价值发明专利拥有量达到126件，知识产权质押融资额连续三年位居全省第一。",
        "下一步，西安高新区将以示范园区建设为契机，进一步完善知识产权创造、运用、保护、管理和服务全链条，为硬科技产业发展提供有力支撑。",
    ]),
    58060: dict(sec="yqyw", fmt="时间：{cn}", when="2023-11-06", source="西安高新区融媒体中心", editor="王倩", paras=[
        "11月6日，第十届全球硬科技创新大会在西安高新区开幕。本届大会以“硬科技 向未来”为主题，来自国内外的院士专家、企业家代表等2000余人参会。",
        "大会期间，将举办主论坛、专题论坛、硬科技成果展、项目签约等系列活动，集中展示全球硬科技领域最新成果。",
        "开幕式上，36个重点项目集中签约，总投资额达486亿元，涉及光子、半导体、商业航天等领域。",
    ]),
    57998: dict(sec="tzgg", fmt="发布日期：{iso}", when="2023-11-17 09:00", source="西安高新区创新发展局", editor="赵磊", paras=[
        "各有关企业：",
        "为加快培育高成长性科技企业，根据《西安高新区瞪羚企业认定管理办法》，现组织开展2023年度西安高新区瞪羚企业认定工作，有关事项通知如下。",
        "一、申报条件：在西安高新区注册登记一年以上，上年度营业收入增长率不低于20%，研发投入占营业收入比例不低于3%。",
        "二、申报时间：2023年11月20日至12月15日，逾期不予受理。",
        "联系电话：029-88312345。",
    ], starts="各有关企业：为加快培育高成长性科技企业"),
    57979: dict(sec="tzgg", fmt="发布日期：{iso}", when="2023-11-06 15:30", source="西安高新区党群工作部", editor="刘洁", paras=[
        "根据工作需要，西安高新区面向社会公开招聘社区工作者120名，现将有关事项公告如下。",
        "一、招聘对象：具有全日制大专及以上学历，年龄在35周岁以下，具有西安市户籍或在西安市连续缴纳社会保险满一年。",
        "二、报名方式：本次招聘采取网上报名方式，报名时间为2023年11月8日至11月14日。",
        "三、咨询电话：029-88318765，咨询时间为工作日上午9:00至12:00，下午14:00至17:30。",
    ]),
    58115: dict(sec="zsyz", fmt="日期：{iso}", when="2023-11-17 14:20", source="西安高新区投资合作局", editor="孙超", paras=[
        "11月17日，比亚迪西安高新区新能源汽车零部件基地扩建项目正式签约。项目总投资约80亿元，主要建设动力电池、电机电控等核心零部件生产线。",
        "比亚迪自2003年落户西安高新区以来，已在西安建成集整车研发、生产、销售于一体的产业基地，2023年前三季度在西安生产新能源汽车超过70万辆。",
        "项目建成后，将进一步完善西安高新区新能源汽车产业链条，带动上下游配套企业集聚发展。",
    ]),
    58095: dict(sec="zsyz", fmt="日期：{iso}", when="2023-11-14 11:00", source="西安高新区投资合作局", editor="孙超", paras=[
        "11月12日至14日，西安高新区招商小分队赴深圳开展半导体产业链专题招商活动，先后走访拜访企业12家，举办项目洽谈会2场。",
        "活动期间，招商小分队重点围绕芯片设计、封装测试、半导体设备及材料等领域，详细介绍了西安高新区产业基础、人才资源和支持政策。",
        "通过此次招商活动，共达成初步合作意向项目5个，意向投资额约42亿元。",
    ]),
}


def b08_nav():
    groups = [
        ("首页", "/", []),
        ("走进高新", "/zjgx/", [("高新概况", "/zjgx/gxgk/"), ("领导之窗", "/zjgx/ldzc/"), ("机构设置", "/zjgx/jgsz/"),
                                ("发展历程", "/zjgx/fzlc/"), ("园区规划", "/zjgx/yqgh/")]),
        ("新闻中心", "/xwzx/", [("新闻动态", "/xwzx/xwdt/"), ("园区要闻", "/xwzx/yqyw/"), ("通知公告", "/xwzx/tzgg/")]),
        ("政务公开", "/zwgk/", [("政策文件", "/zwgk/zcwj/"), ("政策解读", "/zwgk/zcjd/"), ("规划计划", "/zwgk/ghjh/"),
                                ("财政信息", "/zwgk/czxx/"), ("人事信息", "/zwgk/rsxx/"), ("统计数据", "/zwgk/tjsj/")]),
        ("招商引资", "/zsyz/", [("投资环境", "/zsyz/tzhj/"), ("产业载体", "/zsyz/cyzt/"), ("投资指南", "/zsyz/tzzn/")]),
        ("政务服务", "/zwfw/", [("办事指南", "/zwfw/bszn/"), ("惠企政策", "/zwfw/hqzc/"), ("政策兑现", "/zwfw/zcdx/")]),
        ("互动交流", "/hdjl/", [("主任信箱", "/hdjl/zrxx/"), ("在线访谈", "/hdjl/zxft/"), ("意见征集", "/hdjl/yjzj/")]),
    ]
    out = []
    for name, href, subs in groups:
        sub = ""
        if subs:
            sub = '<div class="subnav">' + "".join(f'<a href="{h}">{n}</a>' for n, h in subs) + "</div>"
        out.append(f'<li><a href="{href}" class="navlink">{name}</a>{sub}</li>')
    return "\n".join(out)


def b08_shell(title, body, head_extra=""):
    links = GOV_LINKS + [("陕西省人民政府", "http://www.shaanxi.gov.cn/"), ("西安市人民政府", "http://www.xa.gov.cn/"),
                         ("西咸新区", "http://www.xixianxinqu.gov.cn/"), ("西安经开区", "http://xetdz.xa.gov.cn/"),
                         ("秦创原创新驱动平台", "http://www.qinchuangyuan.gov.cn/")]
    fl = "\n".join(f'<li><a href="{u}" target="_blank">{n}</a></li>' for n, u in links)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb18030" />
<title>{title}</title>
<meta name="keywords" content="西安高新区,西安高新技术产业开发区,硬科技" />
{head_extra}<link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery-1.7.2.min.js"></script>
<script type="text/javascript" src="/js/common.js"></script>
</head>
<body>
<div class="topbar"><div class="wrap"><span class="welcome">您好，欢迎访问西安高新技术产业开发区管理委员会门户网站！</span><span class="tlink"><a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="/wzdt/">网站地图</a></span></div></div>
<div class="head wrap"><a href="/" class="logo"><img src="/images/logo.png" alt="西安高新技术产业开发区管理委员会" /></a>
  <div class="search"><form action="/search/search.aspx" method="get"><input type="text" name="keyword" class="key" /><input type="submit" value="" class="btn" /></form></div></div>
<div class="nav"><ul class="wrap">
{b08_nav()}
</ul></div>
{body}
<div class="yqlj wrap"><div class="yqlj-t">友情链接</div><ul>
{fl}
</ul></div>
<div class="footer"><div class="wrap">
  <p>主办单位：西安高新技术产业开发区管理委员会 &nbsp;&nbsp; 承办单位：西安高新区党政办公室</p>
  <p>地址：西安市高新区锦业路1号 &nbsp; 邮编：710065 &nbsp; 电话：029-88310000</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">陕ICP备05001234号</a> &nbsp; 陕公网安备 61019002000789号 &nbsp; 网站标识码：6101000054</p>
  <p>Copyright © 2023 西安高新区管委会 版权所有</p>
</div></div>
</body>
</html>
"""


def b08_crumb(sec):
    name, url = B08_SECTIONS[sec]
    mid = '<a href="/xwzx/">新闻中心</a> &gt; ' if sec != "zsyz" else ""
    return f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {mid}<a href="{url}">{name}</a></div>'


def b08_side(sec):
    if sec == "zsyz":
        menu = [("招商引资", "/zsyz/"), ("招商动态", "/zsyz/zsdt/"), ("项目签约", "/zsyz/xmqy/"), ("政策解读", "/zsyz/zcjd/"),
                ("投资环境", "/zsyz/tzhj/")]
    else:
        menu = [("新闻动态", "/xwzx/xwdt/"), ("园区要闻", "/xwzx/yqyw/"), ("通知公告", "/xwzx/tzgg/"),
                ("媒体聚焦", "/xwzx/mtjj/"), ("视频新闻", "/xwzx/spxw/")]
    m = "".join(f'<li><a href="{h}">{n}</a></li>' for n, h in menu)
    rec = [("xwdt",) + B08_XWDT[1], ("yqyw",) + B08_YQYW[0], ("xwdt",) + B08_XWDT[5], ("yqyw",) + B08_YQYW[5]]
    r = "".join(f'<li><a href="{b08_url(s_, i, d)}" title="{t}">{t}</a></li>' for s_, i, d, t in rec)
    return f"""<div class="side">
  <div class="side-menu"><h3>{'招商引资' if sec == 'zsyz' else '新闻中心'}</h3><ul>{m}</ul></div>
  <div class="side-box"><h3>推荐阅读</h3><ul class="side-list">{r}</ul></div>
</div>"""


def b08_pager(base, total_pages=12):
    return (f'<div class="pages">共{total_pages}页 &nbsp;<span class="cur">1</span> '
            + " ".join(f'<a href="{base}index_{n}.html">{n}</a>' for n in range(2, 6))
            + f' ... <a href="{base}index_2.html">下一页</a> <a href="{base}index_{total_pages}.html">尾页</a></div>')


def b08_list(sec):
    name, base = B08_SECTIONS[sec]
    if sec == "xwdt":
        lis = "\n".join(f'<li><a href="{b08_url(sec, i, d)}" target="_blank">{t}&nbsp;&nbsp;[{d}]</a></li>'
                        for i, d, t in B08_XWDT)
        lst = f'<ul class="list-date-in-link">\n{lis}\n</ul>'
    elif sec == "yqyw":
        rows = []
        for k, (i, d, t) in enumerate(B08_YQYW):
            new = ' <img src="/images/new.gif" alt="NEW" />' if k < 3 else ""
            rows.append(f'<li><a href="./{d[:4]}{d[5:7]}/{i}.html" target="_blank" title="{t}">{t}</a>{new}<span class="time">{d}</span></li>')
        lst = '<ul class="news_list">\n' + "\n".join(rows) + "\n</ul>"
    elif sec == "tzgg":
        rows = [f'<dl class="tz"><dt><a href="{d[:4]}{d[5:7]}/{i}.html" target="_blank">{t}</a></dt><dd>{d}</dd></dl>'
                for i, d, t in B08_TZGG]
        lst = '<div class="tzgg-list">\n' + "\n".join(rows) + "\n</div>"
    else:
        rows = [f'<li><a href="{B08_TAGS[tag]}" class="tag">[{tag}]</a><a href="{b08_url(sec, i, d)}" target="_blank" title="{t}">{t}</a><span>{d}</span></li>'
                for i, d, tag, t in B08_ZSYZ]
        lst = '<ul class="zs-list">\n' + "\n".join(rows) + "\n</ul>"
    body = f"""<div class="wrap main clearfix">
{b08_side(sec)}
<div class="right">
  {b08_crumb(sec)}
  <div class="r-title"><h2>{name}</h2></div>
  <div class="r-con">
{lst}
  </div>
  {b08_pager(base)}
</div>
</div>"""
    return b08_shell(f"{name}-西安高新技术产业开发区", body)


def b08_article(i, t, a):
    sec = a["sec"]
    when = a["when"]
    y, m, d = when[:10].split("-")
    datestr = a["fmt"].format(cn=f"{y}年{m}月{d}日", iso=when)
    body_html = article_paras_html(a["paras"], "font")
    body = f"""<div class="wrap main clearfix">
{b08_side(sec)}
<div class="right">
  {b08_crumb(sec)}
  <div class="article">
    <div class="title">{t}</div>
    <div class="attr"><span>{datestr}</span><span>文章来源：{a['source']}</span><span>浏览次数：<script src="/ashx/hits.ashx?id={i}"></script></span><span class="zh">字号：<a href="javascript:fontZoom(18)">大</a> <a href="javascript:fontZoom(16)">中</a> <a href="javascript:fontZoom(14)">小</a></span></div>
    <div class="con" id="fontzoom">
{body_html}
    </div>
    <div class="bianji">责任编辑：{a['editor']}</div>
    <div class="tools">【<a href="javascript:window.print();">打印本页</a>】【<a href="javascript:window.close();">关闭窗口</a>】</div>
  </div>
</div>
</div>"""
    return b08_shell(f"{t}-西安高新技术产业开发区", body)


def b08_home():
    def block(sec, rows, n=6):
        name, url = B08_SECTIONS[sec]
        lis = "".join(f'<li><a href="{b08_url(sec, r[0], r[1])}" title="{r[-1]}" target="_blank">{r[-1]}</a><span>{r[1][5:]}</span></li>'
                      for r in rows[:n])
        return f'<div class="hblock"><div class="hblock-t"><h3>{name}</h3><a href="{url}" class="more">更多&gt;&gt;</a></div><ul>{lis}</ul></div>'
    slides = "".join(f'<li><a href="{b08_url("xwdt", i, d)}" target="_blank"><img src="/uploadfiles/{d[:4]}{d[5:7]}/{i}_b.jpg" alt="{t}" /><p>{t}</p></a></li>'
                     for i, d, t in [B08_XWDT[1], B08_XWDT[3], B08_XWDT[5]])
    zs = [(i, d, f"[{tag}]{t}") for i, d, tag, t in B08_ZSYZ]
    body = f"""<div class="wrap hrow1 clearfix">
  <div class="focus"><div class="focus-t">图片新闻</div><ul class="focus-pic">{slides}</ul><div class="focus-btn"><span class="on">1</span><span>2</span><span>3</span></div></div>
  {block('xwdt', B08_XWDT)}
</div>
<div class="wrap hrow2 clearfix">
  {block('yqyw', B08_YQYW)}
  {block('tzgg', B08_TZGG)}
  {block('zsyz', zs)}
</div>
<div class="wrap hrow3 clearfix">
  <div class="ztzl"><h3>专题专栏</h3><ul>
    <li><a href="/ztzl/zgsx/"><img src="/images/zt1.jpg" alt="主题教育" /></a></li><li><a href="/ztzl/yhyshj/"><img src="/images/zt2.jpg" alt="优化营商环境" /></a></li><li><a href="/ztzl/qcy/"><img src="/images/zt3.jpg" alt="秦创原" /></a></li><li><a href="/ztzl/ygsgn/"><img src="/images/zt4.jpg" alt="“三个年”活动" /></a></li>
  </ul></div>
  <div class="zwfw"><h3>政务服务</h3><ul><li><a href="/zwfw/bszn/">办事指南</a></li><li><a href="/zwfw/hqzc/">惠企政策</a></li><li><a href="/zwfw/zcdx/">政策兑现</a></li><li><a href="https://zwfw.shaanxi.gov.cn/" target="_blank">陕西政务服务网</a></li></ul></div>
</div>"""
    return b08_shell("西安高新技术产业开发区管理委员会", body,
                     '<meta name="description" content="西安高新技术产业开发区管理委员会门户网站" />\n')


def build_b08():
    s = Site("b08-gb18030-xian-hitech", "custom ASP.NET CMS")
    enc, ct = "gb18030", "text/html"
    s.add("/", "index.html", b08_home(), "home", {
        "feeds": [], "news_lists": ["/xwzx/xwdt/", "/xwzx/yqyw/", "/xwzx/tzgg/", "/zsyz/"],
        "region_hint": "西安市", "zone_hint": "西安高新技术产业开发区"}, enc, ct)
    lists = {
        "xwdt": ([(t, b08_url("xwdt", i, d), d) for i, d, t in B08_XWDT],
                 "date written inside the link text: 标题&nbsp;&nbsp;[2023-11-20]; one title has • (U+2022, a 4-byte GB18030 sequence)"),
        "yqyw": ([(t, b08_url("yqyw", i, d), d) for i, d, t in B08_YQYW],
                 "links ./YYYYMM/N.html relative to the section; NEW gif after the first three titles"),
        "tzgg": ([(t, b08_url("tzgg", i, d), d) for i, d, t in B08_TZGG],
                 "<dl><dt><a></dt><dd>date</dd></dl> per item; links relative without ./"),
        "zsyz": ([(t, b08_url("zsyz", i, d), d) for i, d, tag, t in B08_ZSYZ],
                 "each item has two links: a [招商动态]-style category link then the title link; items live in sub-sections"),
    }
    for sec, (items, note) in lists.items():
        base = B08_SECTIONS[sec][1]
        s.add(base, base.lstrip("/") + "index.html", b08_list(sec), "list", {
            "items": [{"title": t, "link": l, "date": d} for t, l, d in items],
            "next_page": base + "index_2.html", "notes": note}, enc, ct)
    alltitles = {r[0]: r[-1] for r in B08_XWDT + B08_YQYW + B08_TZGG + B08_ZSYZ}
    alldates = {r[0]: r[1] for r in B08_XWDT + B08_YQYW + B08_TZGG + B08_ZSYZ}
    for i, a in B08_ARTICLES.items():
        t = alltitles[i]
        a["title"] = t
        a["not_in_body"] = ["打印本页", "关闭窗口", f"责任编辑：{a['editor']}", "推荐阅读", "文章来源"]
        url = b08_url(a["sec"], i, alldates[i])
        s.add(url, url.lstrip("/"), b08_article(i, t, a), "article", article_label(a), enc, ct)
    return s


# ===========================================================================
# b09  custom CMS — 成都高新区 — UTF-8 (meta only, header without charset);
#      list items are <li onclick="location.href='/detail/881.html'">; JSONP API
# ===========================================================================

B09_ITEMS = [
    (881, "2024-08-20", "成都高新区召开2024年上半年经济运行分析会"),
    (879, "2024-08-19", "成都高新区发布元宇宙产业发展三年行动计划"),
    (876, "2024-08-16", "京东方成都第8.6代AMOLED生产线项目主体结构封顶"),
    (874, "2024-08-15", "成都高新区开展“护航八月”安全生产专项行动"),
    (870, "2024-08-14", "成都高新区新增国家级科技企业孵化器2家"),
    (867, "2024-08-13", "成都天府国际生物城新引进创新药项目6个"),
    (865, "2024-08-12", "成都高新区举办2024年大学生就业创业服务月活动"),
    (861, "2024-08-09", "成都高新区与电子科技大学签署“校地企”协同创新合作协议"),
    (858, "2024-08-08", "成都高新区“蓉易办”政务服务改革入选全国典型案例"),
    (855, "2024-08-07", "成都高新区召开防汛减灾工作调度会"),
]

B09_ARTICLES = {
    881: dict(when="2024-08-20", source="成都高新区融媒体中心", author="王静", paras=[
        "8月20日，成都高新区召开2024年上半年经济运行分析会，通报上半年经济运行情况，分析研判当前经济形势，安排部署下半年经济工作。",
        "上半年，成都高新区实现地区生产总值1568.2亿元，同比增长7.5%；规模以上工业增加值同比增长9.1%；电子信息产业实现营业收入超过5000亿元。",
        "会议强调，要紧扣全年目标任务，聚焦电子信息、生物医药、数字经济三大主导产业，全力以赴抓项目、促消费、稳外贸，推动经济持续回升向好。",
    ]),
    876: dict(when="2024-08-16", source="成都高新区电子信息产业局", author="陈曦", paras=[
        "8月16日，京东方成都第8.6代AMOLED生产线项目主体结构顺利封顶。项目总投资630亿元，是四川省单体投资规模最大的工业项目。",
        "项目建成后，将主要生产笔记本电脑、平板电脑等中尺寸高端触控OLED显示屏，设计产能为每月3.2万张玻璃基板。",
        "项目全面达产后，将进一步巩固成都高新区新型显示产业在全国的领先地位，带动上下游配套企业集聚发展。",
    ]),
}

B09_MEDIA = [  # 媒体聚焦 via JSONP
    (884, "2024-08-21 08:30:00", "人民日报：成都高新区 科技创新赋能产业升级", "人民日报",
     "http://paper.people.com.cn/rmrb/html/2024-08/21/nw.D110000renmrb_20240821_2-05.htm"),
    (880, "2024-08-19 07:50:00", "四川日报：成都高新区加快建设世界一流高科技园区", "四川日报",
     "https://epaper.scdaily.cn/shtml/scrb/20240819/315678.shtml"),
    (877, "2024-08-17 10:12:00", "成都日报：成都高新区上半年地区生产总值增长7.5%", "成都日报", "/detail/877.html"),
    (872, "2024-08-15 09:05:00", "新华网：成都高新区打造生物医药产业创新高地", "新华网",
     "http://www.news.cn/local/2024-08/15/c_1130178901.htm"),
    (868, "2024-08-13 18:40:00", "央视新闻：走进成都高新区 感受“数字经济”新活力", "央视新闻", "/detail/868.html"),
    (863, "2024-08-12 11:26:00", "经济日报：成都高新区以“校地企”协同促进科技成果转化", "经济日报",
     "http://paper.ce.cn/pc/content/202408/12/content_298765.html"),
]


def b09_shell(title, body):
    nav = [("首页", "/"), ("走进高新", "/cdgxq/zjgx/"), ("新闻资讯", "/cdgxq/xwzx/"), ("政务公开", "/cdgxq/zwgk/"),
           ("政务服务", "/cdgxq/zwfw/"), ("投资高新", "/cdgxq/tzgx/"), ("产业功能区", "/cdgxq/cygnq/"), ("互动交流", "/cdgxq/hdjl/")]
    subs = {"走进高新": ["高新概况", "领导之窗", "机构职能", "发展历程"],
            "新闻资讯": ["高新动态", "媒体聚焦", "通知公告", "视频高新", "图片新闻"],
            "政务公开": ["政策文件", "政策解读", "规划计划", "财政资金", "人事信息", "统计信息"],
            "政务服务": ["办事指南", "惠企政策", "蓉易办"],
            "投资高新": ["投资环境", "主导产业", "招商政策", "重点载体"],
            "产业功能区": ["电子信息产业功能区", "天府国际生物城", "新经济活力区", "交子公园金融商务区", "未来科技城"],
            "互动交流": ["主任信箱", "在线访谈", "征集调查"]}
    li = []
    for name, href in nav:
        sub = ""
        if name in subs:
            sub = '<ul class="nav-sub">' + "".join(
                f'<li onclick="location.href=\'{href}{k}/\'">{s}</li>' for k, s in enumerate(subs[name], 1)) + "</ul>"
        li.append(f'<li class="nav-li"><a href="{href}">{name}</a>{sub}</li>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/base.css?v=20240301">
<link rel="stylesheet" href="/static/css/list.css?v=20240301">
<script src="/static/js/jquery-1.12.4.min.js"></script>
</head>
<body>
<div class="header">
  <div class="header-top w1200"><span>成都高新技术产业开发区管理委员会</span><span class="fr"><a href="/cdgxq/wza/">无障碍</a> | <a href="/cdgxq/en/">EN</a></span></div>
  <div class="header-logo w1200"><img src="/static/images/logo.png" alt="成都高新区" onclick="location.href='/'"></div>
  <ul class="nav w1200">{''.join(li)}</ul>
</div>
{body}
<div class="footer">
  <div class="w1200">
    <p>主办单位：成都高新技术产业开发区管理委员会　承办单位：成都高新区党政办公室（政务公开办）</p>
    <p><a href="https://beian.miit.gov.cn" target="_blank">蜀ICP备05012345号-1</a>　川公网安备 51019002000321号　网站标识码：5101000067</p>
    <p>地址：成都市高新区天府大道中段1366号　联系电话：028-85333333</p>
  </div>
</div>
</body>
</html>
"""


def b09_list():
    lis = "\n".join(
        f"""  <li class="list-li" onclick="location.href='/detail/{i}.html'" style="cursor:pointer">
    <div class="li-title">{t}</div>
    <div class="li-time">{d}</div>
  </li>""" for i, d, t in B09_ITEMS)
    recs = "\n".join(f'<li><a href="{u}" target="_blank" title="{t}">{t}</a></li>'
                     for _, _, t, _, u in B09_MEDIA[:5])
    body = f"""<div class="main w1200 clearfix">
  <div class="location">当前位置：<span onclick="location.href='/'">首页</span> &gt; <span onclick="location.href='/cdgxq/xwzx/'">新闻资讯</span> &gt; <span>高新动态</span></div>
  <div class="left-menu">
    <div class="lm-title">新闻资讯</div>
    <ul><li class="on" onclick="location.href='/cdgxq/xwzx/gxdt/'">高新动态</li><li onclick="location.href='/cdgxq/xwzx/mtjj/'">媒体聚焦</li><li onclick="location.href='/cdgxq/xwzx/tzgg/'">通知公告</li><li onclick="location.href='/cdgxq/xwzx/spgx/'">视频高新</li></ul>
  </div>
  <div class="right-con">
    <div class="rc-title"><span>高新动态</span></div>
    <ul class="list-box">
{lis}
    </ul>
    <div class="pagination" id="pager"><span class="total">共 312 条</span><a href="javascript:;" class="disabled">上一页</a><a href="javascript:;" class="active">1</a><a href="javascript:;" onclick="location.href='index_2.html'">2</a><a href="javascript:;" onclick="location.href='index_3.html'">3</a><span>...</span><a href="javascript:;" onclick="location.href='index_32.html'">32</a><a href="javascript:;" onclick="location.href='index_2.html'">下一页</a></div>
    <div class="media-box">
      <div class="rc-title"><span>推荐阅读</span></div>
      <ul class="recommend" id="mediaList">
{recs}
      </ul>
    </div>
  </div>
</div>
<script>
$(function () {{
  $.ajax({{
    url: "/api/news/list?channelId=23&pageNo=1&pageSize=6",
    dataType: "jsonp",
    jsonpCallback: "jQuery1124_166",
    success: function (res) {{
      if (res.code !== "0000") return;
      var html = "";
      $.each(res.data.rows, function (i, n) {{
        html += '<li><a href="' + n.linkUrl + '" target="_blank" title="' + n.title + '">' + n.title + '</a></li>';
      }});
      $("#mediaList").html(html);
    }}
  }});
}});
</script>"""
    return b09_shell("高新动态-成都高新技术产业开发区", body)


def b09_article(i, t, a):
    body_html = article_paras_html(a["paras"], "plain")
    body = f"""<div class="main w1200 clearfix">
  <div class="location">当前位置：<span onclick="location.href='/'">首页</span> &gt; <span onclick="location.href='/cdgxq/xwzx/'">新闻资讯</span> &gt; <span onclick="location.href='/cdgxq/xwzx/gxdt/'">高新动态</span> &gt; <span>正文</span></div>
  <div class="detail">
    <h1 class="detail-h1">{t}</h1>
    <div class="detail-info"><span>日期: {a['when']}</span><span>来源: {a['source']}</span><span>作者: {a['author']}</span><span class="font">字号：<em onclick="setFont(18)">大</em> <em onclick="setFont(16)">中</em> <em onclick="setFont(14)">小</em></span></div>
    <div class="detail-con" id="zoomCon">
{body_html}
    </div>
    <div class="detail-bottom"><span onclick="window.print()">【打印本页】</span><span onclick="window.close()">【关闭窗口】</span></div>
  </div>
</div>"""
    return b09_shell(f"{t}-成都高新区", body)


def b09_jsonp():
    rows = [{"id": i, "channelId": 23, "title": t, "subTitle": "", "linkUrl": u, "publishDate": w,
             "docSource": src, "thumb": "", "hits": 300 + i} for i, w, t, src, u in B09_MEDIA]
    doc = {"code": "0000", "msg": "成功", "data": {"total": 126, "pageNo": 1, "pageSize": 6, "rows": rows}}
    return "/**/jQuery1124_166(" + json.dumps(doc, ensure_ascii=False) + ");"


def build_b09():
    s = Site("b09-onclick-chengdu-hitech", "custom CMS (onclick navigation) + JSONP API")
    ct = "text/html"
    s.add("/cdgxq/xwzx/gxdt/", "cdgxq/xwzx/gxdt/index.html", b09_list(), "list", {
        "items": [{"title": t, "link": f"/detail/{i}.html", "date": d} for i, d, t in B09_ITEMS],
        "next_page": "/cdgxq/xwzx/gxdt/index_2.html",
        "notes": "no <a> in the main list: each <li> has onclick=\"location.href='/detail/N.html'\"; pager also onclick; "
                 "推荐阅读 box below it is the only <a> list in the content area (distractor)"}, ctype=ct)
    for i, a in B09_ARTICLES.items():
        t = next(x[2] for x in B09_ITEMS if x[0] == i)
        a["title"] = t
        a["not_in_body"] = ["【打印本页】", "【关闭窗口】", "字号"]
        s.add(f"/detail/{i}.html", f"detail/{i}.html", b09_article(i, t, a), "article", article_label(a), ctype=ct)
    s.add("/api/news/list?channelId=23&pageNo=1&pageSize=6&callback=jQuery1124_166", "api/news_list_23.js",
          b09_jsonp(), "json", {
              "array_path": "data.rows",
              "items": [{"title": t, "link": u, "date": iso(w)} for i, w, t, src, u in B09_MEDIA],
              "jsonp": True}, ctype="application/javascript;charset=UTF-8")
    return s


# ===========================================================================
# b10  TRS-like 站群 + JSON API — 苏州工业园区 — UTF-8; whole-item <a> blocks;
#      JSON with fTitle / origin under data.page.content; PubDate-only article
# ===========================================================================

B10_ITEMS = [
    ("7f3a9c2e81d44b6f9e0a5c1d2b3e4f50", "2024-10-21 15:20:00", "苏州工业园区召开2024年第三季度经济运行分析会", "苏州工业园区管委会", None),
    ("1b2c3d4e5f60718293a4b5c6d7e8f901", "2024-10-18 09:00:00", "苏州工业园区5家企业入选国家级专精特新“小巨人”", "苏州工业园区科技创新委员会", None),
    ("a0b1c2d3e4f5061728394a5b6c7d8e9f", "2024-10-17 16:45:00", "2024金鸡湖创业长廊“创业周”活动启幕", "苏州工业园区融媒体中心", None),
    ("5e6f7081920a1b2c3d4e5f6071829304", "2024-10-16 10:30:00", "苏州工业园区生物医药产业园四期开园", "苏州工业园区融媒体中心", None),
    ("c4d5e6f708192a3b4c5d6e7f80910213", "2024-10-15 08:10:00", "中新合作苏州工业园区30周年成果展开展", "新华网",
     "http://www.news.cn/local/2024-10/15/c_1130212345.htm"),
    ("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "2024-10-14 14:00:00", "苏州工业园区获评国家级绿色工业园区", "苏州工业园区生态环境局", None),
    ("3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f", "2024-10-12 11:30:00", "苏州工业园区举办2024年人工智能产业发展大会", "苏州工业园区融媒体中心", None),
    ("d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6", "2024-10-11 17:05:00", "园区召开安全生产“百日攻坚”行动推进会", "苏州工业园区应急管理局", None),
    ("6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e", "2024-10-10 09:45:00", "苏州工业园区发布支持纳米技术应用产业高质量发展若干措施", "苏州工业园区经济发展委员会", None),
    ("e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", "2024-10-09 15:00:00", "苏州工业园区“一网通办”新增高频事项60项", "苏州工业园区行政审批局", None),
]

B10_ARTICLES = {
    "7f3a9c2e81d44b6f9e0a5c1d2b3e4f50": dict(pubdate_only=True, paras=[
        "10月21日，苏州工业园区召开2024年第三季度经济运行分析会，通报前三季度经济运行情况，研究部署四季度重点工作。",
        "前三季度，园区实现地区生产总值2830亿元，同比增长5.6%；规上工业总产值同比增长6.2%；实际使用外资12.6亿美元。",
        "会议要求，要紧盯全年目标任务，聚焦生物医药、纳米技术应用、人工智能三大新兴产业，全力冲刺四季度，确保全年各项目标顺利完成。",
    ]),
    "1b2c3d4e5f60718293a4b5c6d7e8f901": dict(pubdate_only=False, paras=[
        "近日，工业和信息化部公布第六批专精特新“小巨人”企业名单，苏州工业园区5家企业入选。",
        "截至目前，园区累计拥有国家级专精特新“小巨人”企业96家，数量位居全国开发区前列。",
        "下一步，园区将持续完善优质中小企业梯度培育体系，在研发创新、市场开拓、融资服务等方面加大支持力度。",
    ]),
}


def b10_url(h, w):
    return f"/sipac/yqdt/{w[:4]}{w[5:7]}/{h}.shtml"


def b10_shell(title, body, metas=""):
    cols = [("首页", "/"), ("走进园区", "/sipac/zjyq/"), ("园区动态", "/sipac/yqdt/index.shtml"), ("政务公开", "/sipac/zwgk/"),
            ("政务服务", "/sipac/zwfw/"), ("投资园区", "/sipac/tzyq/"), ("创新创业", "/sipac/cxcy/"), ("互动交流", "/sipac/hdjl/")]
    subs = {"走进园区": ["园区概况", "领导介绍", "机构设置", "发展历程", "中新合作"],
            "政务公开": ["通知公告", "政策文件", "政策解读", "规划计划", "财政信息", "人事信息"],
            "政务服务": ["办事指南", "一网通办", "惠企政策", "政策计算器"],
            "投资园区": ["投资环境", "主导产业", "载体资源", "招商政策"],
            "创新创业": ["科技创新", "人才服务", "金融服务", "知识产权"],
            "互动交流": ["主任信箱", "政民互动", "意见征集"]}
    li = []
    for name, href in cols:
        sub = ""
        if name in subs:
            sub = '<div class="sub">' + "".join(f'<a href="{href}{k:02d}/">{s}</a>' for k, s in enumerate(subs[name], 1)) + "</div>"
        li.append(f'<li><a href="{href}">{name}</a>{sub}</li>')
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="SiteName" content="苏州工业园区管理委员会">
<meta name="SiteDomain" content="www.sipac.gov.cn">
<meta name="SiteIDCode" content="3205000032">
<meta name="ColumnName" content="园区动态">
<meta name="ColumnType" content="园区动态">
{metas}<title>{title}</title>
<link rel="stylesheet" href="/sipac/css/common.css">
<script src="/sipac/js/jquery.min.js"></script>
</head>
<body>
<div class="top"><div class="container"><a href="/" class="logo"><img src="/sipac/images/logo.png" alt="苏州工业园区"></a>
<div class="top-r"><a href="/sipac/wza/">无障碍</a><a href="/sipac/en/">English</a><form action="/sipac/search/" class="sch"><input name="q" placeholder="搜索"><button>搜索</button></form></div></div></div>
<div class="nav"><ul class="container">{''.join(li)}</ul></div>
{body}
<div class="footer"><div class="container">
<p>主办单位：苏州工业园区管理委员会　承办单位：苏州工业园区党政办公室</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05012345号-2</a>　苏公网安备 32059002001234号　网站标识码：3205000032</p>
<p><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3205000032" target="_blank"><img src="/sipac/images/jiucuo.png" alt="政府网站找错"></a><a href="https://bszs.conac.cn/sitename?method=show&id=5ABC123" target="_blank"><img src="/sipac/images/red.png" alt="党政机关"></a></p>
</div></div>
</body>
</html>
"""


def b10_list():
    rows = []
    for h, w, t, src, ext in B10_ITEMS:
        href = ext or b10_url(h, w)
        rows.append(f"""    <a class="item" href="{href}" target="_blank">
      <div class="tit">{t}</div>
      <div class="time">{w[:10]}</div>
    </a>""")
    body = f"""<div class="container main">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/sipac/yqdt/index.shtml">园区动态</a></div>
  <div class="list-wrap">
    <div class="list-head"><h2>园区动态</h2></div>
    <div class="news-list">
{chr(10).join(rows)}
    </div>
    <div class="page"><a href="index.shtml">首页</a><a class="on">1</a><a href="index_2.shtml">2</a><a href="index_3.shtml">3</a><a href="index_4.shtml">4</a><a href="index_2.shtml">下一页</a><a href="index_24.shtml">尾页</a></div>
  </div>
  <div class="list-side">
    <div class="side-t">热点排行</div>
    <ol class="rank">{''.join(f'<li><a href="{ext or b10_url(h, w)}">{t}</a></li>' for h, w, t, src, ext in [B10_ITEMS[4], B10_ITEMS[0], B10_ITEMS[8], B10_ITEMS[1]])}</ol>
    <div class="side-t">专题专栏</div>
    <ul class="zt"><li><a href="/sipac/ztzl/30zn/"><img src="/sipac/images/zt30.jpg" alt="中新合作30周年"></a></li><li><a href="/sipac/ztzl/yshj/"><img src="/sipac/images/ztyshj.jpg" alt="优化营商环境"></a></li></ul>
  </div>
</div>"""
    return b10_shell("园区动态_苏州工业园区", body)


def b10_article(h, w, t, src, a):
    body_html = article_paras_html(a["paras"], "plain")
    metas = (f'<meta name="ArticleTitle" content="{t}">\n<meta name="PubDate" content="{w[:16]}">\n'
             f'<meta name="ContentSource" content="{src}">\n<meta name="Keywords" content="">\n')
    date_span = "" if a["pubdate_only"] else f"<span>发布日期：{w[:16]}</span>"
    body = f"""<div class="container main">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/sipac/yqdt/index.shtml">园区动态</a> &gt; 正文</div>
  <div class="article">
    <h1 class="art-title">{t}</h1>
    <div class="art-info">{date_span}<span>来源：{src}</span><span>浏览次数：<em id="view">--</em></span><span class="fontsize">字号：<a href="javascript:;" data-size="18">大</a><a href="javascript:;" data-size="16">中</a><a href="javascript:;" data-size="14">小</a></span></div>
    <div class="art-con" id="zoom">
{body_html}
    </div>
    <div class="art-tools"><a href="javascript:window.print();">【打印本页】</a><a href="javascript:window.close();">【关闭窗口】</a></div>
  </div>
</div>
<script src="/sipac/js/count.js" data-id="{h}"></script>"""
    return b10_shell(f"{t}_苏州工业园区", body, metas)


def b10_api():
    content = []
    for k, (h, w, t, src, ext) in enumerate(B10_ITEMS):
        short = t if len(t) <= 20 else t[:19] + "..."
        content.append({
            "fId": h, "fChannelId": 1003, "fTitle": t, "fShortTitle": short, "fSubTitle": "",
            "fAbstract": "", "origin": src, "fAuthor": "",
            "fPubDate": w, "fCreateTime": w[:10] + " 08:00:00",
            "fUrl": ext or b10_url(h, w), "fIsLink": bool(ext),
            "fThumb": f"/sipac/yqdt/{w[:4]}{w[5:7]}/{h}_thumb.jpg" if k < 3 else "",
        })
    doc = {"code": 200, "message": "success", "data": {
        "channel": {"id": 1003, "name": "园区动态", "path": "/sipac/yqdt/"},
        "page": {"content": content,
                 "pageable": {"sort": {"sorted": True, "unsorted": False, "empty": False}, "offset": 0,
                              "pageNumber": 0, "pageSize": 10, "paged": True, "unpaged": False},
                 "totalElements": 235, "totalPages": 24, "last": False, "first": True, "number": 0, "size": 10,
                 "numberOfElements": 10, "empty": False}}}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def build_b10():
    s = Site("b10-trs-json-suzhou-sip", "TRS-like site + Spring JSON API")
    s.add("/sipac/yqdt/index.shtml", "sipac/yqdt/index.shtml", b10_list(), "list", {
        "items": [{"title": t, "link": ext or b10_url(h, w), "date": w[:10]} for h, w, t, src, ext in B10_ITEMS],
        "next_page": "/sipac/yqdt/index_2.shtml",
        "notes": "each item is one block <a class=item> holding <div class=tit> and <div class=time>; one item links to news.cn"})
    for h, w, t, src, ext in B10_ITEMS:
        if h not in B10_ARTICLES:
            continue
        a = B10_ARTICLES[h]
        a.update(title=t, when=w[:16], source=src)
        a["not_in_body"] = ["【打印本页】", "【关闭窗口】", "浏览次数", "字号"]
        s.add(b10_url(h, w), b10_url(h, w).lstrip("/"), b10_article(h, w, t, src, a), "article", article_label(a))
    s.add("/api/cms/content/list?channelId=1003&page=0&size=10", "api/content_list_1003.json", b10_api(), "json", {
        "array_path": "data.page.content",
        "items": [{"title": t, "link": ext or b10_url(h, w), "date": iso(w)} for h, w, t, src, ext in B10_ITEMS],
        "jsonp": False}, ctype="application/json")
    return s


# ===========================================================================
# validation
# ===========================================================================

BUILDERS = [build_b01, build_b02, build_b03, build_b04, build_b05,
            build_b06, build_b07, build_b08, build_b09, build_b10]

WHATWG_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "chinese", "csgb2312"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("p", "div", "li", "br", "tr", "td", "h1", "h2", "dt", "dd"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(doc):
    p = _Text()
    p.feed(doc)
    p.close()
    return "".join(p.parts)


def squash(s):
    return re.sub(r"\s+", "", s)


def declared_charset(ctype, data):
    m = re.search(r"charset=([\w-]+)", ctype, re.I)
    header = m.group(1).lower() if m else None
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:2048], re.I)
    meta = m.group(1).decode().lower() if m else None
    return header, meta


def decode_page(ctype, data):
    header, meta = declared_charset(ctype, data)
    cs = header or meta or "utf-8"
    codec = "gb18030" if cs in WHATWG_GB else cs
    return data.decode(codec), header, meta


def urls_in(doc, page_path):
    """{resolved URL: [offsets in doc]} for href/src/action/value attributes,
    location.href='...' and window.open('...')."""
    pats = [r"""(?:href|src|action|value)\s*=\s*(["'])(.*?)\1""",
            r"""location\.href\s*=\s*(["'])(.*?)\1""",
            r"""window\.open\(\s*(["'])(.*?)\1"""]
    out = {}
    for pat in pats:
        for m in re.finditer(pat, doc, re.I | re.S):
            u = m.group(2)
            if u.startswith(("javascript:", "#", "mailto:")) or not u.strip():
                continue
            out.setdefault(resolve(page_path, u), []).append(m.start())
    return out


def date_forms(d):
    y, m, dd = d[:10].split("-")
    return [d[:10], f"{y}/{m}/{dd}", f"{int(y)}年{int(m)}月{int(dd)}日", f"{y}年{m}月{dd}日"]


def validate_site(sdir):
    errs = []
    doc = json.loads((sdir / "site.json").read_text(encoding="utf-8"))
    e = errs.append
    if doc.get("site") != sdir.name:
        e("site id differs from folder name")
    if doc.get("written") != "blind" or doc.get("author") != AUTHOR:
        e("written/author not set")
    kinds = {p["path"]: p["kind"] for p in doc["pages"]}
    for pg in doc["pages"]:
        where = f"{sdir.name}{pg['path']}"
        fp = sdir / pg["file"]
        if not fp.is_file():
            e(f"{where}: missing file {pg['file']}")
            continue
        data = fp.read_bytes()
        kind, lab = pg["kind"], pg["label"]
        if kind in ("list", "article", "home"):
            try:
                text_doc, header, meta = decode_page(pg["content_type"], data)
            except UnicodeDecodeError as ex:
                e(f"{where}: does not decode with its declared charset: {ex}")
                continue
            if not header and not meta:
                e(f"{where}: no charset in header or meta")
            if header and meta and header != meta:
                e(f"{where}: header charset {header} != meta {meta}")
            text = squash(page_text(text_doc))
            rawsq = squash(html.unescape(text_doc))
            links = urls_in(text_doc, pg["path"])
        if kind == "list":
            items = lab["items"]
            if len(items) < 5:
                e(f"{where}: fewer than 5 items")
            n_art = 0
            for it in items:
                if it["link"] not in links:
                    e(f"{where}: link {it['link']} not in page")
                if squash(it["title"]) not in text and squash(it["title"]) not in rawsq:
                    e(f"{where}: title {it['title']} not in page")
                if it["date"] is not None:
                    # the date must be shown next to one occurrence of the item's link
                    forms = [squash(f) for f in date_forms(it["date"])]
                    y, m, dd = it["date"].split("-")
                    near = False
                    for pos in links.get(it["link"], []):
                        win = text_doc[max(0, pos - 300):pos + 700]
                        wsq = squash(html.unescape(win))
                        if any(f in wsq for f in forms) or (
                                f">{dd}</span>" in win and f">{y}-{m}</span>" in win):
                            near = True
                    if not near:
                        e(f"{where}: date {it['date']} not shown next to its link")
                if kinds.get(it["link"]) == "article":
                    n_art += 1
            if n_art < 2:
                e(f"{where}: only {n_art} labelled articles among its items")
            nxt = lab.get("next_page")
            if nxt and nxt not in links and "createPageHTML" not in text_doc:
                e(f"{where}: next_page {nxt} not linked")
            if len({it["link"] for it in items}) != len(items):
                e(f"{where}: duplicate item links")
        elif kind == "article":
            if squash(lab["title"]) not in text:
                e(f"{where}: title not in text")
            pub = lab["published"]
            if not any(squash(f) in rawsq for f in date_forms(pub)):
                e(f"{where}: published date not on page")
            if "T" in pub and pub[11:16] not in text_doc:
                e(f"{where}: published time not on page")
            if lab["source"] and squash(lab["source"]) not in text:
                e(f"{where}: source not in text")
            st, en = squash(lab["body_starts"]), squash(lab["body_ends"])
            if len(lab["body_starts"]) < 15 or len(lab["body_ends"]) < 15:
                e(f"{where}: body_starts/body_ends shorter than 15 chars")
            # the body is the span ending at the last body_ends and starting at
            # the nearest body_starts before it (Dede's intro repeats the start)
            i1 = text.rfind(en)
            i0 = text.rfind(st, 0, i1 if i1 >= 0 else None)
            if i0 < 0:
                e(f"{where}: body_starts not in text")
            if i1 < 0:
                e(f"{where}: body_ends not in text")
            if i0 >= 0 and i1 >= 0:
                if i1 < i0:
                    e(f"{where}: body_ends before body_starts")
                body = text[i0:i1 + len(en)]
                for x in lab["not_in_body"]:
                    if squash(x) not in text:
                        e(f"{where}: not_in_body {x!r} absent from page")
                    if squash(x) in body:
                        e(f"{where}: not_in_body {x!r} inside body span")
        elif kind == "home":
            for f in lab["feeds"]:
                if f not in links:
                    e(f"{where}: feed {f} not linked")
                if kinds.get(f) != "other":
                    e(f"{where}: feed {f} not a page of the site")
            for nl in lab["news_lists"]:
                if nl not in links:
                    e(f"{where}: news list {nl} not linked")
                if kinds.get(nl) != "list":
                    e(f"{where}: news list {nl} not a list page of the site")
        elif kind == "json":
            txt = data.decode("utf-8")
            m = re.match(r"^\s*(?:/\*\*/)?\s*([\w$.]+)\((.*)\)\s*;?\s*$", txt, re.S)
            if bool(m) != lab["jsonp"]:
                e(f"{where}: jsonp flag wrong")
            if m:
                qs = urlsplit(pg["path"]).query
                if f"callback={m.group(1)}" not in qs:
                    e(f"{where}: JSONP callback not taken from the query")
                txt = m.group(2)
            obj = json.loads(txt)
            for k in lab["array_path"].split("."):
                obj = obj[k]
            if len(obj) != len(lab["items"]):
                e(f"{where}: {len(obj)} records vs {len(lab['items'])} labelled")
            for rec, it in zip(obj, lab["items"]):
                vals = [v for v in rec.values()]
                if it["title"] not in vals:
                    e(f"{where}: title {it['title']} not a value of its record")
                if not any(isinstance(v, str) and resolve(pg["path"], v) == it["link"] for v in vals):
                    e(f"{where}: link {it['link']} not in its record")
                d = it["date"]
                ok = any(isinstance(v, str) and v.startswith(d[:10]) and (len(d) == 10 or d[11:16] in v) for v in vals)
                ok = ok or any(isinstance(v, int) and not isinstance(v, bool) and v > 10**12 and
                               datetime.fromtimestamp(v / 1000, CST).isoformat() == d for v in vals)
                if not ok:
                    e(f"{where}: date {d} not in its record")
        elif kind == "other":
            if pg["content_type"].startswith(("application/atom", "application/rss", "text/xml")):
                from xml.dom import minidom
                minidom.parseString(data)
    return doc, errs


def summary(docs):
    from collections import Counter
    tot = Counter()
    lines = []
    for d in docs:
        c = Counter(p["kind"] for p in d["pages"])
        tot.update(c)
        encs = sorted({(p["content_type"]) for p in d["pages"] if p["kind"] in ("list", "article", "home")})
        lines.append(f"  {d['site']:34s} " + " ".join(f"{k}={c[k]}" for k in ("home", "list", "article", "json", "other") if c[k])
                     + f"   [{'; '.join(encs)}]")
    lines.append("  total: " + " ".join(f"{k}={tot[k]}" for k in ("home", "list", "article", "json", "other")))
    return "\n".join(lines)


def main():
    check_only = "--check" in sys.argv
    if not check_only:
        SITES_DIR.mkdir(parents=True, exist_ok=True)
        ids = set()
        for b in BUILDERS:
            site = b()
            if not re.match(r"^b(0[1-9]|10)-", site.sid) or site.sid[:3] in ids:
                raise SystemExit(f"bad site id {site.sid}")
            ids.add(site.sid[:3])
            site.write()
    docs, bad = [], 0
    for sdir in sorted(SITES_DIR.glob("b[01][0-9]-*")):
        doc, errs = validate_site(sdir)
        docs.append(doc)
        for x in errs:
            print("ERROR", x)
        bad += len(errs)
    print(summary(docs))
    if bad:
        raise SystemExit(f"{bad} validation error(s)")
    print("all b-sites valid")


if __name__ == "__main__":
    main()
