"""a01-trs-nantong-hitech: TRS WCM site of 南通高新区, UTF-8, RSS via <link rel=alternate>."""
from common import Site, run, esc
from chrome import menu, sidebar, breadcrumb, gov_footer, friend_links, paras
from a01_data import XWDT_0, XWDT_1, TZGG, ARTICLES

ZONE = "南通高新技术产业开发区"
CT = "text/html; charset=utf-8"

MENU = [
    ("首页", "/", []),
    ("走进高新", "/zjgx/", [("高新概况", "/zjgx/gxgk/"), ("领导之窗", "/zjgx/ldzc/"),
                          ("机构设置", "/zjgx/jgsz/"), ("区位交通", "/zjgx/qwjt/"),
                          ("发展规划", "/zjgx/fzgh/")]),
    ("新闻中心", "/xwdt/index.html", [("高新要闻", "/xwdt/index.html"), ("通知公告", "/tzgg/index.html")]),
    ("投资高新", "/tzgx/", [("投资环境", "/tzgx/tzhj/"), ("产业载体", "/tzgx/cyzt/"),
                          ("招商政策", "/tzgx/zszc/"), ("投资指南", "/tzgx/tzzn/"),
                          ("重点产业", "/tzgx/zdcy/"), ("招商热线", "/tzgx/zsrx/")]),
    ("科技创新", "/kjcx/", [("创新平台", "/kjcx/cxpt/"), ("科技人才", "/kjcx/kjrc/"),
                          ("孵化载体", "/kjcx/fhzt/"), ("知识产权", "/kjcx/zscq/")]),
    ("政务公开", "http://xxgk.nantong.gov.cn/nthitech/", [
        ("信息公开指南", "http://xxgk.nantong.gov.cn/nthitech/xxgkzn/"),
        ("信息公开年报", "http://xxgk.nantong.gov.cn/nthitech/ndbg/"),
        ("依申请公开", "http://xxgk.nantong.gov.cn/nthitech/ysqgk/")]),
    ("政务服务", "https://www.jszwfw.gov.cn/", [("企业开办", "https://www.jszwfw.gov.cn/qykb/"),
                                            ("工程建设审批", "/zwfw/gcjs/"), ("办事指南", "/zwfw/bszn/"),
                                            ("表格下载", "/zwfw/bgxz/")]),
    ("互动交流", "/hdjl/", [("书记信箱", "/hdjl/sjxx/"), ("主任信箱", "/hdjl/zrxx/"),
                          ("在线访谈", "/hdjl/zxft/"), ("民意征集", "/hdjl/myzj/"),
                          ("常见问题", "/hdjl/cjwt/")]),
]

LOCAL = [("江苏省人民政府", "http://www.jiangsu.gov.cn/"), ("南通市人民政府", "http://www.nantong.gov.cn/"),
         ("通州区人民政府", "http://www.tongzhou.gov.cn/"), ("江苏省科学技术厅", "http://kxjst.jiangsu.gov.cn/"),
         ("江苏省商务厅", "http://swt.jiangsu.gov.cn/"), ("南通市发展和改革委员会", "http://fgw.nantong.gov.cn/"),
         ("南通市科学技术局", "http://kjj.nantong.gov.cn/"), ("南通市商务局", "http://swj.nantong.gov.cn/"),
         ("南通市工业和信息化局", "http://gxj.nantong.gov.cn/"), ("南通市自然资源和规划局", "http://zrzy.nantong.gov.cn/")]

FOOT = gov_footer("南通高新技术产业开发区管理委员会", "苏ICP备05012345号-1", "3206120012",
                  gongan="苏公网安备 32061202000123号", addr="南通市通州区世纪大道266号",
                  tel="0513-86551234", undertaker="南通高新区党政办公室")

ZTZL = [("学习贯彻党的二十大精神", "/ztzl/xxgcddesdjs/"), ("优化营商环境", "/ztzl/yhyshj/"),
        ("安全生产专项整治", "/ztzl/aqsczxzz/"), ("文明城市创建", "/ztzl/wmcscj/"),
        ("疫情防控", "/ztzl/yqfk/")]


def head(title, extra=""):
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}</title>
{extra}<link href="/images/common.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery-1.8.3.min.js"></script>
<script type="text/javascript" src="/images/page.js"></script>
</head>
<body>
<div class="top"><div class="w1200"><span class="date"><script>document.write(new Date().toLocaleDateString());</script></span>
<a href="javascript:;" id="wza">无障碍浏览</a> <a href="javascript:;">长者模式</a> <a href="/wzdt/index.html">网站地图</a></div></div>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{ZONE}" /></a></div>
<div class="search"><form action="/search/" method="get"><input type="text" name="searchWord" placeholder="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>
{menu(MENU)}
"""


def tail():
    return f"""{friend_links(LOCAL, mode="select")}
{FOOT}
<script src="/images/tj.js"></script>
</body>
</html>
"""


def rel(date, tid):
    return f"./{date[:7].replace('-', '')}/t{date.replace('-', '')}_{tid}.html"


def absu(col, date, tid):
    return f"/{col}/{date[:7].replace('-', '')}/t{date.replace('-', '')}_{tid}.html"


HOT = [(t, absu("xwdt", d, i), d) for d, i, t in [XWDT_1[4], XWDT_0[9], XWDT_0[4], XWDT_1[7], XWDT_0[14], XWDT_1[0]]]


def list_page(site, col, colname, rows, idx, count, articles):
    path = f"/{col}/index.html" if idx == 0 else f"/{col}/index_{idx}.html"
    lis = "\n".join(f'<li><a href="{rel(d, i)}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d}</span></li>'
                    for d, i, t in rows)
    body = f"""{breadcrumb([("首页", "/"), ("新闻中心", "/xwdt/index.html"), (colname, None)])}
<div class="main w1200">
<div class="left">
<div class="left-title"><h2>新闻中心</h2></div>
<ul class="left-menu"><li{' class="on"' if col == 'xwdt' else ''}><a href="/xwdt/index.html">高新要闻</a></li><li{' class="on"' if col == 'tzgg' else ''}><a href="/tzgg/index.html">通知公告</a></li></ul>
{sidebar("热点新闻", HOT, cls="hot", dates=True)}
</div>
<div class="right">
<div class="right-title"><h2>{colname}</h2></div>
<div class="list-box">
<ul class="list">
{lis}
</ul>
<div class="page"><script type="text/javascript">createPageHTML({count}, {idx}, "index", "html");</script></div>
</div>
</div>
</div>
<div class="ztzl w1200">{sidebar("专题专栏", ZTZL, cls="zt")}</div>
"""
    nxt = f"/{col}/index_{idx + 1}.html" if idx + 1 < count else None
    items = [{"title": t, "link": absu(col, d, i), "date": d} for d, i, t in rows]
    notes = (f"TRS list; links are ./YYYYMM/tYYYYMMDD_id.html relative to /{col}/; paging only via "
             f"createPageHTML({count}, {idx}, \"index\", \"html\") whose script is external (/images/page.js)"
             + ("; this is the last page" if nxt is None else "")
             + "; the 热点新闻 sidebar also has dated links and is not the list")
    site.add(path, path.lstrip("/"), "list", head(f"{colname}_{ZONE}") + body + tail(),
             {"items": items, "next_page": nxt, "notes": notes}, CT)
    for d, i, t in rows:
        if i in articles:
            article(site, col, colname, d, i, t)


def article(site, col, colname, d, tid, title):
    pub, src, editor, ps = ARTICLES[tid]
    metas = f"""<meta name="SiteName" content="{ZONE}" />
<meta name="SiteDomain" content="www.nthitech.gov.cn" />
<meta name="SiteIDCode" content="3206120012" />
<meta name="ColumnName" content="{colname}" />
<meta name="ColumnType" content="{colname}" />
<meta name="ArticleTitle" content="{esc(title)}" />
<meta name="PubDate" content="{pub}" />
<meta name="ContentSource" content="{esc(src)}" />
<meta name="Keywords" content="南通高新区,{colname}" />
<meta name="Description" content="{esc(ps[0][:60])}" />
"""
    img = ""
    if col == "xwdt":
        img = (f'<p style="text-align: center;"><img src="./W0{d.replace("-", "")}563847392018.jpg" '
               f'oldsrc="W0{d.replace("-", "")}563847392018.jpg" style="border-width: 0px;" alt="" /></p>\n')
    body = f"""{breadcrumb([("首页", "/"), ("新闻中心", "/xwdt/index.html"), (colname, f"/{col}/index.html")])}
<div class="main w1200"><div class="article">
<h1 class="art-title">{esc(title)}</h1>
<div class="art-info"><span>发布时间：{pub}</span><span>来源：{esc(src)}</span><span>浏览次数：<script src="/trs/count.js?docid={tid}"></script></span>
<span class="font">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
<div class="art-con" id="zoom">
<div class="TRS_Editor"><style type="text/css">
.TRS_Editor P{{margin-top:5px;margin-bottom:5px;line-height:2;font-family:宋体;font-size:12pt;}}.TRS_Editor DIV,.TRS_Editor TD,.TRS_Editor TH,.TRS_Editor SPAN,.TRS_Editor TEXTAREA,.TRS_Editor FONT{{line-height:2;font-family:宋体;font-size:12pt;}}
</style>
<div class="Custom_UnionStyle">
{img}{paras(ps, style="css")}
</div></div>
</div>
<div class="art-editor">责任编辑：{editor}</div>
<div class="art-tool">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div></div>
"""
    path = absu(col, d, tid)
    site.add(path, path.lstrip("/"), "article", head(f"{title}_{colname}_{ZONE}", metas) + body + tail(), {
        "title": title,
        "published": pub.replace(" ", "T") + ":00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": [f"责任编辑：{editor}", "打印本页", "关闭窗口", ".TRS_Editor P", "浏览次数", "字体："],
        "notes": "time from PubDate meta and the 发布时间 line; body inside div.TRS_Editor after its <style>"
                 + ("; body opens with an image paragraph" if img else ""),
    }, CT)


def home(site):
    ext = '<link rel="alternate" type="application/rss+xml" title="南通高新区 - 高新要闻" href="/rss.xml" />\n'
    pics = "\n".join(f'<li><a href="{absu("xwdt", d, i)}" target="_blank"><img src="/images/banner{n}.jpg" alt="" /><p>{esc(t)}</p></a></li>'
                     for n, (d, i, t) in enumerate(XWDT_0[:4], 1))
    news = "\n".join(f'<li><a href="{absu("xwdt", d, i)}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d[5:]}</span></li>'
                     for d, i, t in XWDT_0[:7])
    ggs = "\n".join(f'<li><a href="{absu("tzgg", d, i)}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d[5:]}</span></li>'
                    for d, i, t in TZGG[:7])
    body = f"""<div class="w1200 idx-news">
<div class="pic-news"><ul>{pics}</ul></div>
<div class="tab-news">
<div class="hd"><h3 class="on"><a href="/xwdt/index.html">高新要闻</a></h3><h3><a href="/tzgg/index.html">通知公告</a></h3></div>
<div class="bd"><ul class="on">
{news}
</ul><ul>
{ggs}
</ul></div>
</div></div>
<div class="w1200 idx-service">
<h3>政务服务</h3><a href="https://www.jszwfw.gov.cn/qykb/">企业开办</a><a href="/zwfw/gcjs/">工程建设审批</a><a href="/zwfw/bszn/">办事指南</a><a href="/hdjl/sjxx/">书记信箱</a>
</div>
<div class="w1200">{sidebar("专题专栏", ZTZL, cls="zt")}</div>
"""
    site.add("/", "index.html", "home", head(ZONE, ext) + body + tail(), {
        "feeds": ["/rss.xml"], "news_lists": ["/xwdt/index.html", "/tzgg/index.html"],
        "region_hint": "南通市", "zone_hint": ZONE,
        "notes": "feed only in <link rel=alternate>; the two tabs' headings link the list pages; home previews show MM-DD dates",
    }, CT)


def rss(site):
    def rfc(d):
        from datetime import date
        y, m, dd = map(int, d.split("-"))
        wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date(y, m, dd).weekday()]
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        return f"{wd}, {dd:02d} {mon} {y} 08:00:00 +0800"
    items = "\n".join(f"""<item>
<title>{esc(t)}</title>
<link>{absu("xwdt", d, i)}</link>
<guid isPermaLink="false">{i}</guid>
<pubDate>{rfc(d)}</pubDate>
<description>{esc(t)}</description>
</item>""" for d, i, t in XWDT_0[:8])
    doc = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>南通高新区 - 高新要闻</title>
<link>/xwdt/index.html</link>
<description>南通高新技术产业开发区高新要闻</description>
<language>zh-cn</language>
<lastBuildDate>{rfc("2022-10-11")}</lastBuildDate>
{items}
</channel>
</rss>
"""
    site.add("/rss.xml", "rss.xml", "other", doc,
             {"notes": "RSS 2.0 of 高新要闻 (8 newest); item links are root-relative paths on this host"},
             "application/rss+xml; charset=utf-8")


def build():
    site = Site("a01-trs-nantong-hitech", "TRS WCM")
    home(site)
    rss(site)
    list_page(site, "xwdt", "高新要闻", XWDT_0, 0, 2, {4123456, 4122987})
    list_page(site, "xwdt", "高新要闻", XWDT_1, 1, 2, {4113940, 4111808})
    list_page(site, "tzgg", "通知公告", TZGG, 0, 1, {4122650, 4115512})
    return site.write()


if __name__ == "__main__":
    run(build)
