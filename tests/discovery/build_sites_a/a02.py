"""a02-hanweb-qingdao-xihaian: Hanweb 大汉 jcms column of 青岛西海岸新区, UTF-8.

The list lives inside <script type="text/xml"><datastore><recordset><record><![CDATA[...]]>,
titles are cut with "…" in the text (full title only in title=""), paging is jpage/dataproxy.
"""
from common import Site, run, esc
from chrome import menu, sidebar, breadcrumb, gov_footer, friend_links, paras

COL, UNIT = 8321, 4567890
CT = "text/html;charset=UTF-8"
SITE_NAME = "青岛西海岸新区"

ROWS = [
    ("2022-10-11", 3456789, "青岛西海岸新区2022年第四季度重点项目集中开工 总投资达386亿元"),
    ("2022-10-10", 3456512, "西海岸新区举行“双招双引”重点项目签约仪式 22个项目落户"),
    ("2022-10-09", 3456208, "青岛西海岸新区召开海洋经济高质量发展推进会"),
    ("2022-10-08", 3455937, "西海岸新区国庆假期接待游客超百万人次 旅游消费持续回暖"),
    ("2022-10-06", 3455610, "中德生态园氢能产业园首个示范项目建成投用"),
    ("2022-09-30", 3455187, "青岛西海岸新区出台支持企业纾困发展“二十条”政策措施"),
    ("2022-09-29", 3454903, "西海岸新区新增两家国家级专精特新“小巨人”企业"),
    ("2022-09-28", 3454622, "古镇口军民融合创新示范区海洋装备产业项目集中签约"),
    ("2022-09-27", 3454355, "青岛西海岸新区举办2022年秋季高校毕业生就业双选会"),
    ("2022-09-26", 3454071, "董家口港区30万吨级原油码头二期工程通过竣工验收"),
    ("2022-09-23", 3453650, "西海岸新区全力推进“无废城市”建设试点工作"),
    ("2022-09-22", 3453388, "青岛西海岸新区召开优化营商环境工作推进会议"),
    ("2022-09-21", 3453102, "灵山湾影视文化产业区新签约影视项目6个"),
    ("2022-09-20", 3452846, "西海岸新区开展安全生产执法检查“百日攻坚”行动"),
    ("2022-09-19", 3452519, "青岛西海岸新区前8个月外贸进出口额同比增长12.3%"),
]

ARTICLES = {
    3456789: ("2022-10-11 10:23", "西海岸新区融媒体中心", [
        "10月10日，青岛西海岸新区2022年第四季度重点项目集中开工仪式在中德生态园举行。此次集中开工项目共42个，总投资达386亿元，涵盖先进制造、海洋经济、新能源、城市更新等领域。",
        "开工项目中，投资10亿元以上项目11个，产业类项目占比超过七成。其中，总投资65亿元的新型储能电池产业基地项目建成后可实现年产值120亿元。",
        "新区有关负责同志表示，要坚持以项目论英雄、以实绩论英雄，强化要素保障，优化审批服务，确保开工项目快建设、早投产、早见效。",
        "今年以来，西海岸新区已累计组织开展四批次重点项目集中开工活动，开工项目总数达到168个，为全年经济稳定增长打下坚实基础。",
    ]),
    3455187: ("2022-09-30 16:05", "新区发展和改革局", [
        "为深入贯彻落实国家、省、市稳经济一揽子政策措施，帮助市场主体纾困解难，青岛西海岸新区近日出台《支持企业纾困发展的若干政策措施》，共二十条。",
        "在减轻企业负担方面，政策明确对中小微企业和个体工商户承租国有房屋的，2022年免除6个月租金；对受疫情影响较大的行业企业，缓缴社会保险费单位缴费部分。",
        "在金融支持方面，设立总规模10亿元的应急转贷资金，为企业提供低成本过桥服务；对新增首贷企业，按贷款额的1%给予银行奖励。",
        "在稳岗就业方面，对吸纳高校毕业生就业的企业，按每人1500元标准发放一次性扩岗补助。",
        "新区发展和改革局相关负责人表示，各项政策将于近期通过“政策直通车”平台集中兑现，实行免申即享，让企业应享尽享、快享快享。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进新区", "/col/col8301/index.html", [("新区概况", "/col/col8302/index.html"), ("历史沿革", "/col/col8303/index.html"),
                                         ("区划人口", "/col/col8304/index.html"), ("新区领导", "/col/col8305/index.html")]),
    ("新闻中心", "/col/col8320/index.html", [("新区要闻", f"/col/col{COL}/index.html"), ("部门动态", "/col/col8322/index.html"),
                                         ("镇街动态", "/col/col8323/index.html"), ("媒体聚焦", "/col/col8324/index.html"),
                                         ("图片新闻", "/col/col8325/index.html"), ("视频新闻", "/col/col8326/index.html")]),
    ("政务公开", "/col/col8340/index.html", [("政府信息公开", "/col/col8341/index.html"), ("政策文件", "/col/col8342/index.html"),
                                         ("政策解读", "/col/col8343/index.html"), ("规划计划", "/col/col8344/index.html"),
                                         ("财政资金", "/col/col8345/index.html"), ("人事信息", "/col/col8346/index.html")]),
    ("投资新区", "/col/col8360/index.html", [("投资环境", "/col/col8361/index.html"), ("功能区", "/col/col8362/index.html"),
                                         ("招商项目", "/col/col8363/index.html"), ("投资政策", "/col/col8364/index.html")]),
    ("政务服务", "http://qdzwfw.sd.gov.cn/qd/", [("个人办事", "http://qdzwfw.sd.gov.cn/qd/grbs/"), ("法人办事", "http://qdzwfw.sd.gov.cn/qd/frbs/"),
                                              ("便民服务", "/col/col8372/index.html")]),
    ("互动交流", "/col/col8380/index.html", [("区长信箱", "/col/col8381/index.html"), ("在线访谈", "/col/col8382/index.html"),
                                         ("征集调查", "/col/col8383/index.html"), ("12345热线", "/col/col8384/index.html")]),
]

LOCAL = [("山东省人民政府", "http://www.shandong.gov.cn/"), ("青岛市人民政府", "http://www.qingdao.gov.cn/"),
         ("市南区人民政府", "http://www.qdsn.gov.cn/"), ("市北区人民政府", "http://www.qdshibei.gov.cn/"),
         ("李沧区人民政府", "http://www.licang.gov.cn/"), ("崂山区人民政府", "http://www.laoshan.gov.cn/"),
         ("城阳区人民政府", "http://www.chengyang.gov.cn/"), ("即墨区人民政府", "http://www.jimo.gov.cn/"),
         ("胶州市人民政府", "http://www.jiaozhou.gov.cn/"), ("平度市人民政府", "http://www.pingdu.gov.cn/"),
         ("莱西市人民政府", "http://www.laixi.gov.cn/")]

FOOT = gov_footer("青岛市黄岛区人民政府办公室", "鲁ICP备05001234号", "3702110001",
                  gongan="鲁公网安备 37021102000456号", addr="青岛西海岸新区长江中路216号", tel="0532-86989000")


def art_url(d, aid):
    y, m, dd = d.split("-")
    return f"/art/{y}/{int(m)}/{int(dd)}/art_{COL}_{aid}.html"


def cut(t, n=20):
    return t if len(t) <= n else t[:n] + "…"


def head(title, metas=""):
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE_NAME}">
<meta name="SiteDomain" content="www.huangdao.gov.cn">
<meta name="SiteIDCode" content="3702110001">
{metas}<link rel="stylesheet" href="/images/1/style.css">
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/1/logo.png" alt="{SITE_NAME}"></div>
<div class="ss"><form action="/jsearchfront/search.do" method="get" target="_blank"><input name="q" type="text"><input type="hidden" name="websiteid" value="370211000000000"><input type="submit" value="搜索"></form></div></div>
{menu(MENU, cls="menu")}
"""


def tail():
    return f"""{friend_links(LOCAL, mode="list")}
{FOOT}
<script language="javascript" src="/script/0/2011171522455434.js"></script>
</body>
</html>
"""


def list_page(site):
    recs = "\n".join(
        f'<record><![CDATA[\n<li class="clearfix"><a href="{art_url(d, a)}" target="_blank" title="{esc(t)}">{esc(cut(t))}</a><span class="bt-data-time">{d}</span></li>\n]]></record>'
        for d, a, t in ROWS)
    hot = [(t, art_url(d, a)) for d, a, t in [ROWS[5], ROWS[1], ROWS[9], ROWS[14], ROWS[3], ROWS[7], ROWS[12], ROWS[6]]]
    body = f"""{breadcrumb([("首页", "/"), ("新闻中心", "/col/col8320/index.html"), ("新区要闻", f"/col/col{COL}/index.html")], sep="&gt;", label="您当前的位置：")}
<div class="main clearfix">
<div class="side">
<div class="side-nav"><h2>新闻中心</h2><ul>
<li class="on"><a href="/col/col{COL}/index.html">新区要闻</a></li><li><a href="/col/col8322/index.html">部门动态</a></li><li><a href="/col/col8323/index.html">镇街动态</a></li><li><a href="/col/col8324/index.html">媒体聚焦</a></li>
</ul></div>
{sidebar("热点排行", hot, cls="rank")}
</div>
<div class="con">
<div class="con-title">新区要闻</div>
<div class="default_pgContainer"><ul class="list">
<div id="{UNIT}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=12&path=/&columnid={COL}&unitid={UNIT}&webname=%E9%9D%92%E5%B2%9B%E8%A5%BF%E6%B5%B7%E5%B2%B8%E6%96%B0%E5%8C%BA&permissiontype=0"></a>]]></nextgroup>
<recordset>
{recs}
</recordset>
</datastore>
</script></div>
</ul></div>
<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>
<script>
$(document).ready(function() {{
  $('#{UNIT}').jpage({{
    dataStore: null, perPage: 15, totalRecord: 183, groupSize: 1, barPosition: 'bottom',
    proxyUrl: '/module/web/jpage/dataproxy.jsp', showMode: 'full',
    ajaxParam: {{ col: 1, appid: 1, webid: 12, path: '/', columnid: {COL}, sourceContentType: 1, unitid: '{UNIT}', webname: '{SITE_NAME}', permissiontype: 0 }}
  }});
}});
</script>
</div>
</div>
"""
    metas = f'<meta name="ColumnName" content="新区要闻">\n<meta name="ColumnType" content="新区要闻">\n'
    path = f"/col/col{COL}/index.html"
    site.add(path, path.lstrip("/"), "list", head(f"新区要闻 {SITE_NAME}", metas) + body + tail(), {
        "items": [{"title": t, "link": art_url(d, a), "date": d} for d, a, t in ROWS],
        "next_page": None,
        "notes": "Hanweb: the 15 records sit in <script type=text/xml> CDATA; link text cut to 20 chars + '…', "
                 "full title in title=; later pages come from jpage POSTing to /module/web/jpage/dataproxy.jsp, "
                 "so there is no static next page. 热点排行 sidebar is not the list.",
    }, CT)


def article(site, d, aid, title):
    pub, src, ps = ARTICLES[aid]
    metas = f"""<meta name="ColumnName" content="新区要闻">
<meta name="ColumnType" content="新区要闻">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="{pub}">
<meta name="ContentSource" content="{esc(src)}">
<meta name="Keywords" content="">
<meta name="Author" content="{esc(src)}">
"""
    body = f"""{breadcrumb([("首页", "/"), ("新闻中心", "/col/col8320/index.html"), ("新区要闻", f"/col/col{COL}/index.html")], label="您当前的位置：")}
<div class="main-txt">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="title" align="center"><!--<$[标题名称(html)]>begin-->{esc(title)}<!--<$[标题名称(html)]>end--></td></tr>
<tr><td align="center" class="bt_link">
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>
<td>发布日期：{d}</td>
<td>信息来源：{esc(src)}</td>
<td>浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid={COL}&artid={aid}"></script></td>
<td>字号：[ <a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a> ]</td>
</tr></table>
</td></tr>
<tr><td>
<div id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{paras(ps, style="indent")}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</div>
</td></tr>
<tr><td class="bt_link" align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr>
</table>
</div>
"""
    path = art_url(d, aid)
    site.add(path, path.lstrip("/"), "article", head(f"{title} {SITE_NAME}", metas) + body + tail(), {
        "title": title,
        "published": pub.replace(" ", "T") + ":00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": ["发布日期：", "信息来源：", "浏览次数：", "【打印本页】", "【关闭窗口】", "字号："],
        "notes": "page shows only 发布日期 (day); the time comes from <meta name=PubDate>; body between "
                 "<meta name=ContentStart> and <meta name=ContentEnd>, paragraphs start with 　　",
    }, CT)


def build():
    site = Site("a02-hanweb-qingdao-xihaian", "Hanweb 大汉")
    list_page(site)
    for d, a, t in ROWS:
        if a in ARTICLES:
            article(site, d, a, t)
    return site.write()


if __name__ == "__main__":
    run(build)
