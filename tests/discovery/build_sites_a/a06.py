"""a06-gbk-shenyang-etdz: 沈阳经济技术开发区, old table layout in GBK (charset in the header too).

Home links its feed with a plain <a href="/rss.xml">RSS订阅</a>; the 经开动态 list shows no dates;
articles live under /content/YYYY-MM/DD/, not under the list's folder.
"""
from datetime import date as _date

from common import Site, run, esc
from chrome import menu, sidebar, gov_footer, friend_links, paras

ENC = "gbk"
CT = "text/html;charset=GBK"
ZONE = "沈阳经济技术开发区"

ROWS = [
    ("2022-10-11", 5512, "沈阳经开区举行2022年秋季重点项目集中签约仪式"),
    ("2022-10-10", 5507, "沈阳经开区新能源汽车动力电池项目正式开工"),
    ("2022-10-09", 5501, "沈阳经开区召开工业企业稳增长调度会"),
    ("2022-10-08", 5496, "铁西装备制造业集聚区获评五星级国家新型工业化产业示范基地"),
    ("2022-09-30", 5488, "沈阳经开区开展国庆假期前安全生产大检查"),
    ("2022-09-29", 5483, "沈阳经开区出台促进工业互联网发展实施方案"),
    ("2022-09-28", 5477, "沈阳经开区举办“千企万岗”秋季招聘会"),
    ("2022-09-27", 5470, "沈阳经开区2家企业入选国家级绿色工厂名单"),
    ("2022-09-26", 5466, "沈阳经开区召开营商环境建设推进会"),
    ("2022-09-23", 5459, "中德（沈阳）高端装备制造产业园新增外资项目3个"),
    ("2022-09-22", 5453, "沈阳经开区开展“万人助万企”走访服务活动"),
    ("2022-09-21", 5448, "沈阳经开区前8个月规上工业增加值增长9.2%"),
]

ARTICLES = {
    5512: ("沈阳经济技术开发区管委会", "（编辑：刘洋　审核：张伟）", [
        "10月10日，沈阳经开区举行2022年秋季重点项目集中签约仪式，19个项目现场签约，总投资218亿元。",
        "签约项目涵盖汽车及零部件、高端装备、新材料、生物医药等领域，其中外资项目5个，世界500强企业投资项目3个。",
        "沈阳经开区主要负责同志表示，经开区将持续深化“放管服”改革，落实项目管家制度，为企业提供全方位、全周期服务。",
        "签约企业代表表示，沈阳经开区产业基础雄厚、配套能力强，企业将加快项目建设进度，尽早实现投产达效。",
        "今年以来，沈阳经开区累计引进亿元以上项目87个，实际到位内资同比增长23.5%。",
    ]),
    5483: (None, None, [
        "近日，沈阳经开区出台《促进工业互联网发展实施方案》，提出到2025年，全区建成5个以上具有行业影响力的工业互联网平台，推动500家以上规上工业企业上云用平台。",
        "方案明确了五项重点任务：一是夯实网络基础设施，加快5G专网和标识解析二级节点建设；二是培育工业互联网平台；三是推进企业数字化改造；四是壮大工业软件和信息服务产业；五是强化安全保障能力。",
        "在政策支持方面，对获评国家级、省级工业互联网平台的企业，分别给予最高500万元、200万元奖励；对实施数字化车间、智能工厂改造的企业，按设备投资额的10%给予补助。",
        "经开区工业和信息化部门负责人表示，方案的出台将进一步推动新一代信息技术与制造业深度融合，助力老工业基地全面振兴。",
    ]),
}

MENU = [
    ("网站首页", "/", []),
    ("走进经开", "/zjjk/index.html", [("经开概况", "/zjjk/jkgk/index.html"), ("领导介绍", "/zjjk/ldjs/index.html"),
                                   ("机构职能", "/zjjk/jgzn/index.html"), ("发展历程", "/zjjk/fzlc/index.html")]),
    ("新闻中心", "/jkdt/index.html", [("经开动态", "/jkdt/index.html")]),
    ("政务公开", "http://www.tiexi.gov.cn/zwgk/", [("政策法规", "http://www.tiexi.gov.cn/zwgk/zcfg/"),
                                               ("规划计划", "http://www.tiexi.gov.cn/zwgk/ghjh/"),
                                               ("财政资金", "http://www.tiexi.gov.cn/zwgk/czzj/"),
                                               ("人事信息", "http://www.tiexi.gov.cn/zwgk/rsxx/")]),
    ("投资指南", "/tzzn/index.html", [("投资环境", "/tzzn/tzhj/index.html"), ("优惠政策", "/tzzn/yhzc/index.html"),
                                   ("产业园区", "/tzzn/cyyq/index.html"), ("招商项目", "/tzzn/zsxm/index.html"),
                                   ("办事流程", "/tzzn/bslc/index.html"), ("服务机构", "/tzzn/fwjg/index.html")]),
    ("政务服务", "https://zwfw.shenyang.gov.cn/", [("在线办事", "https://zwfw.shenyang.gov.cn/zxbs/"),
                                               ("办事指南", "/zwfw/bszn/index.html"),
                                               ("表格下载", "/zwfw/bgxz/index.html")]),
    ("公众参与", "/gzcy/index.html", [("主任信箱", "/gzcy/zrxx/index.html"), ("网上调查", "/gzcy/wsdc/index.html"),
                                   ("意见征集", "/gzcy/yjzj/index.html"), ("常见问题", "/gzcy/cjwt/index.html")]),
]

LOCAL = [("辽宁省人民政府", "http://www.ln.gov.cn/"), ("沈阳市人民政府", "http://www.shenyang.gov.cn/"),
         ("铁西区人民政府", "http://www.tiexi.gov.cn/"), ("浑南区人民政府", "http://www.hunnan.gov.cn/"),
         ("沈北新区", "http://www.shenbei.gov.cn/"), ("于洪区人民政府", "http://www.yuhong.gov.cn/"),
         ("大连经济技术开发区", "http://www.dda.gov.cn/"), ("营口经济技术开发区", "http://www.ykdz.gov.cn/")]

FOOT = gov_footer("沈阳经济技术开发区管理委员会", "辽ICP备05004567号", "2101060002",
                  gongan="辽公网安备 21010602000789号", addr="沈阳市铁西区北二中路9号", tel="024-25800000")


def url(d, i):
    return f"/content/{d[:7]}/{d[8:]}/content_{i}.htm"


def head(title):
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{esc(title)}</title>
<link href="/css/css.css" rel="stylesheet" type="text/css">
</head>
<body topmargin="0" leftmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
<tr><td align="left">今天是：<script>document.write(new Date().toLocaleDateString())</script></td>
<td align="right"><a href="/">网站首页</a> | <a href="javascript:;" onclick="zh_tran('t')">繁體</a> | <a href="/m/index.html">手机版</a> | <a href="/rss.xml" target="_blank">RSS订阅</a> | <a href="/wzdt/index.html">网站地图</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/images/banner.jpg" width="1000" height="150" alt="{ZONE}"></td></tr></table>
{menu(MENU, cls="dh")}
"""


def tail():
    return f"""{friend_links(LOCAL, mode="select")}
{FOOT}
</body>
</html>
"""


def list_page(site):
    lis = "\n".join(f'<li><img src="/images/dot.gif" width="4" height="4"> <a href="{url(d, i)}" target="_blank">{esc(t)}</a></li>'
                    for d, i, t in ROWS)
    pics = "".join(f'<td align="center"><a href="{url(d, i)}" target="_blank"><img src="/uploadfile/{d.replace("-", "")}{i}.jpg" width="220" height="150" border="0"><br>{esc(t)}</a></td>'
                   for d, i, t in [ROWS[0], ROWS[1]])
    hot = [(t, url(d, i)) for d, i, t in [ROWS[3], ROWS[9], ROWS[7], ROWS[5], ROWS[0]]]
    body = f"""<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="weizhi" colspan="2">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/jkdt/index.html">新闻中心</a> &gt;&gt; 经开动态</td></tr>
<tr><td width="240" valign="top">
{sidebar("点击排行", hot, cls="phb")}
<div class="lxfs"><h3>联系方式</h3><p>招商热线：024-25801234</p><p>传真：024-25801235</p></div>
</td>
<td width="760" valign="top">
<div class="tpxw"><table><tr>{pics}</tr></table></div>
<div class="lmbt">经开动态</div>
<ul class="list">
{lis}
</ul>
<div class="fy">共 86 条记录 页次：1/8 每页：12 条 <a href="/jkdt/2.htm">下一页</a> <a href="/jkdt/8.htm">尾页</a></div>
</td></tr>
</table>
"""
    site.add("/jkdt/index.html", "jkdt/index.html", "list", head(f"经开动态--{ZONE}") + body + tail(), {
        "items": [{"title": t, "link": url(d, i), "date": None} for d, i, t in ROWS],
        "next_page": "/jkdt/2.htm",
        "notes": "no dates anywhere in the list; GBK; the two 图片新闻 cells above the list repeat the first two "
                 "items' links and are not list items; next page is /jkdt/2.htm",
    }, CT, ENC)


def article(site, d, i, t):
    src, tailnote, ps = ARTICLES[i]
    y, m, dd = d.split("-")
    srcs = f"&nbsp;&nbsp;&nbsp;来源：{esc(src)}" if src else ""
    extra = f'\n<p align="right">{tailnote}</p>' if tailnote else ""
    rel = "".join(f'<li><a href="{url(rd, ri)}">{esc(rt)}</a></li>' for rd, ri, rt in ROWS[2:6] if ri != i)
    body = f"""<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="weizhi">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/jkdt/index.html">经开动态</a> &gt;&gt; 正文</td></tr>
<tr><td class="bt" align="center"><b>{esc(t)}</b></td></tr>
<tr><td class="xx" align="center">发布时间：{y}年{m}月{dd}日{srcs}&nbsp;&nbsp;&nbsp;点击数：<span id="clicks">--</span></td></tr>
<tr><td class="nr"><div id="Zoom">
{paras(ps, style="indent")}{extra}
</div></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印此页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td class="xglj"><b>相关链接：</b><ul>{rel}</ul></td></tr>
</table>
"""
    nib = ["点击数：", "打印此页", "关闭窗口", "相关链接："]
    if tailnote:
        nib.append("编辑：刘洋")
    site.add(url(d, i), url(d, i).lstrip("/"), "article", head(f"{t}--{ZONE}") + body + tail(), {
        "title": t,
        "published": d,
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": nib,
        "notes": "发布时间 as 2022年10月11日, no time; "
                 + ("the （编辑：…　审核：…） line sits inside div#Zoom after the body and is not body"
                    if tailnote else "no 来源 on the page, source is null"),
    }, CT, ENC)


def home(site):
    news = "\n".join(f'<li><a href="{url(d, i)}" target="_blank">{esc(t)}</a> <span>[{d[5:].replace("-", "/")}]</span></li>'
                     for d, i, t in ROWS[:8])
    body = f"""<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="420" valign="top"><div class="hdp"><a href="{url(*ROWS[0][:2])}"><img src="/uploadfile/hdp1.jpg" width="400" height="280"></a></div></td>
<td width="580" valign="top"><div class="sy-lm"><span class="t">经开动态</span><a class="more" href="/jkdt/index.html">更多&gt;&gt;</a></div>
<ul class="sy-list">
{news}
</ul></td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td><a href="/tzzn/yhzc/index.html"><img src="/images/yhzc.jpg" alt="优惠政策"></a></td><td><a href="/tzzn/zsxm/index.html"><img src="/images/zsxm.jpg" alt="招商项目"></a></td>
<td><a href="https://zwfw.shenyang.gov.cn/zxbs/"><img src="/images/zxbs.jpg" alt="在线办事"></a></td><td><a href="/gzcy/zrxx/index.html"><img src="/images/zrxx.jpg" alt="主任信箱"></a></td>
</tr></table>
"""
    site.add("/", "index.html", "home", head(ZONE) + body + tail(), {
        "feeds": ["/rss.xml"], "news_lists": ["/jkdt/index.html"],
        "region_hint": "沈阳市", "zone_hint": ZONE,
        "notes": "feed only as <a href=\"/rss.xml\">RSS订阅</a> in the top bar (no <link rel=alternate>); "
                 "home preview dates are [MM/DD]",
    }, CT, ENC)


def rss(site):
    def rfc(d):
        y, m, dd = map(int, d.split("-"))
        wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][_date(y, m, dd).weekday()]
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        return f"{wd}, {dd:02d} {mon} {y} 00:00:00 GMT"
    items = "\n".join(f"""  <item>
    <title><![CDATA[{t}]]></title>
    <link>{url(d, i)}</link>
    <pubDate>{rfc(d)}</pubDate>
    <category>经开动态</category>
  </item>""" for d, i, t in ROWS[:10])
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>沈阳经济技术开发区-经开动态</title>
    <link>/</link>
    <description>沈阳经济技术开发区门户网站经开动态</description>
    <copyright>沈阳经济技术开发区管理委员会</copyright>
{items}
  </channel>
</rss>
"""
    site.add("/rss.xml", "rss.xml", "other", doc,
             {"notes": "RSS 2.0 in UTF-8 although the HTML is GBK; titles in CDATA; links root-relative; "
                       "pubDate has no time (00:00:00 GMT)"},
             "text/xml")


def build():
    site = Site("a06-gbk-shenyang-etdz", "old table layout (GBK)")
    home(site)
    rss(site)
    list_page(site)
    for d, i, t in ROWS:
        if i in ARTICLES:
            article(site, d, i, t)
    return site.write()


if __name__ == "__main__":
    run(build)
