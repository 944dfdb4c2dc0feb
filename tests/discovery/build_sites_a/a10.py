"""a10-dl-nanchang-hitech: 南昌高新区, UTF-8 declared only in <meta> (header: text/html).

<dl> list items (dt title / optional dd summary / dd date); a pinned 置顶 item older than the
rest comes first; one item is a repost linking to another host (jiangxi.gov.cn); a slideshow
above the list repeats three of the links.
"""
from common import Site, run, esc
from chrome import menu, sidebar, breadcrumb, gov_footer, friend_links, paras

CT = "text/html"
ZONE = "南昌高新技术产业开发区"
EXT = "http://www.jiangxi.gov.cn/art/2022/10/10/art_393_4162345.html"

# (date, id or external URL, title, pinned)
ROWS = [
    ("2022-08-15", 7701, "南昌高新区2022年“招才引智”政策汇编", True),
    ("2022-10-11", 7789, "南昌高新区举行2022年第四季度重大项目集中签约 总投资185亿元", False),
    ("2022-10-10", EXT, "江西省推进开发区改革和创新发展大会召开", False),
    ("2022-10-10", 7785, "南昌高新区航空城产业园项目开工建设", False),
    ("2022-10-09", 7781, "南昌高新区召开电子信息产业链发展座谈会", False),
    ("2022-10-08", 7776, "南昌高新区5家企业获评省级“专精特新”中小企业", False),
    ("2022-09-30", 7768, "南昌高新区出台促进数字经济发展若干措施", False),
    ("2022-09-29", 7765, "南昌高新区开展节前安全生产督导检查", False),
    ("2022-09-28", 7759, "南昌高新区举办2022年秋季人才招聘会", False),
    ("2022-09-27", 7754, "瑶湖科学岛建设项目加快推进", False),
    ("2022-09-26", 7750, "南昌高新区与南昌大学签署校地合作协议", False),
    ("2022-09-23", 7743, "南昌高新区召开优化营商环境大会", False),
    ("2022-09-22", 7739, "南昌高新区新增国家级科技企业孵化器1家", False),
    ("2022-09-21", 7734, "南昌高新区前8个月规上工业营业收入同比增长14.5%", False),
]

ARTICLES = {
    7789: ("16:05", "南昌高新区党群工作部", "邓薇", None, [
        "10月10日，南昌高新区举行2022年第四季度重大项目集中签约活动，13个项目集中签约，总投资185亿元。",
        "签约项目涵盖电子信息、生物医药、航空制造、新材料等主导产业，其中50亿元以上项目1个、10亿元以上项目5个。",
        "南昌高新区主要负责同志表示，高新区将牢固树立“项目为王”理念，建立“一个项目、一名领导、一个专班”的服务机制，全力推动签约项目早开工、早投产。",
        "今年以来，南昌高新区已累计签约亿元以上项目72个，总投资超过680亿元，主要经济指标保持全市前列。",
    ]),
    7768: ("10:30", "南昌高新区科技创新和经济发展局", "胡婧", "南昌高新区促进数字经济发展若干措施.pdf", [
        "为加快推动数字经济做优做强，南昌高新区近日出台《促进数字经济发展若干措施》，从产业培育、平台建设、场景应用、人才支撑四个方面提出16条具体措施。",
        "在产业培育方面，对新落户的数字经济企业，按其实缴注册资本给予最高1000万元的落户奖励；对年营业收入首次突破1亿元的企业，给予100万元奖励。",
        "在平台建设方面，支持企业建设工业互联网平台、大数据中心和数字化转型促进中心，按项目投资额的20%给予补助。",
        "在场景应用方面，每年发布不少于50个数字化应用场景清单，对示范效果显著的场景项目给予最高200万元支持。",
        "在人才支撑方面，对数字经济领域的高层次人才，给予安家补贴和人才公寓保障。",
        "《措施》自2022年10月1日起施行，有效期三年。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进高新", "/html/zjgx/", [("高新概况", "/html/zjgx/gxgk/"), ("领导之窗", "/html/zjgx/ldzc/"),
                               ("机构设置", "/html/zjgx/jgsz/"), ("园区风采", "/html/zjgx/yqfc/")]),
    ("新闻中心", "/html/xwzx/list_1.html", [("高新要闻", "/html/xwzx/list_1.html"), ("媒体聚焦", "/html/mtjj/list_1.html"),
                                         ("通知公告", "/html/tzgg/list_1.html"), ("图片新闻", "/html/tpxw/list_1.html")]),
    ("政务公开", "http://www.nchdz.gov.cn/zwgk/", [("政府信息公开", "http://www.nchdz.gov.cn/zwgk/xxgk/"),
                                               ("政策文件", "http://www.nchdz.gov.cn/zwgk/zcwj/"),
                                               ("政策解读", "http://www.nchdz.gov.cn/zwgk/zcjd/")]),
    ("产业发展", "/html/cyfz/", [("电子信息", "/html/cyfz/dzxx/"), ("生物医药", "/html/cyfz/swyy/"),
                               ("航空制造", "/html/cyfz/hkzz/"), ("新材料", "/html/cyfz/xcl/")]),
    ("投资服务", "/html/tzfw/", [("投资环境", "/html/tzfw/tzhj/"), ("招商政策", "/html/tzfw/zszc/"),
                               ("载体资源", "/html/tzfw/ztzy/"), ("企业服务", "/html/tzfw/qyfw/")]),
    ("互动交流", "/html/hdjl/", [("主任信箱", "/html/hdjl/zrxx/"), ("咨询投诉", "/html/hdjl/zxts/"),
                               ("民意征集", "/html/hdjl/myzj/")]),
]

LOCAL = [("江西省人民政府", "http://www.jiangxi.gov.cn/"), ("南昌市人民政府", "http://www.nc.gov.cn/"),
         ("江西省科学技术厅", "http://kjt.jiangxi.gov.cn/"), ("江西省商务厅", "http://swt.jiangxi.gov.cn/"),
         ("南昌经开区", "http://www.ncjk.gov.cn/"), ("赣江新区", "http://www.gjxq.gov.cn/"),
         ("青山湖区人民政府", "http://www.qsh.gov.cn/"), ("红谷滩区人民政府", "http://www.honggutan.gov.cn/")]

FOOT = gov_footer("南昌高新技术产业开发区管理委员会", "赣ICP备10201234号-1", "3601000045",
                  gongan="赣公网安备 36010902000456号", addr="南昌高新区高新大道1888号", tel="0791-88161234")


def url(ref, d):
    return ref if isinstance(ref, str) else f"/html/xwzx/{d[:7]}/{d[8:]}/art_{ref}.html"


def head(title):
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="content-type" content="text/html;charset=utf-8">
<meta name="renderer" content="webkit">
<title>{esc(title)}</title>
<link rel="stylesheet" href="/static/css/base.css">
<link rel="stylesheet" href="/static/css/inner.css">
</head>
<body>
<div class="top-bar"><div class="wrap"><span id="today"></span><a href="javascript:;">无障碍浏览</a><a href="javascript:;">适老化版</a><a href="/html/wzdt/">网站地图</a></div></div>
<div class="header wrap"><a href="/"><img src="/static/images/logo.png" alt="{ZONE}"></a></div>
{menu(MENU, cls="menu")}
"""


def tail():
    return f"""<div class="wrap">{friend_links(LOCAL, mode="list")}</div>
{FOOT}
<script src="/static/js/jquery.min.js"></script>
<script src="/static/js/common.js"></script>
</body>
</html>
"""


def list_page(site):
    out = []
    for d, ref, t, pinned in ROWS:
        u = url(ref, d)
        tgt = ' target="_blank"' if isinstance(ref, str) else ""
        top = '<span class="top">置顶</span>' if pinned else ""
        summ = ""
        if not isinstance(ref, str) and ref in ARTICLES:
            summ = f'<dd class="summary">{esc(ARTICLES[ref][4][0][:44])}…</dd>'
        out.append(f'<dl class="news-item"><dt>{top}<a href="{u}"{tgt}>{esc(t)}</a></dt>{summ}<dd class="time">{d}</dd></dl>')
    slides = "\n".join(f'<li><a href="{url(r[1], r[0])}"><img src="/uploadfiles/slide/{r[1]}.jpg" alt=""><p>{esc(r[2])}</p></a></li>'
                       for r in [ROWS[1], ROWS[3], ROWS[6]])
    tz = [("关于申报2022年度南昌高新区科技计划项目的通知", "/html/tzgg/2022-10/09/art_7780.html"),
          ("南昌高新区2022年国庆节期间值班安排", "/html/tzgg/2022-09/29/art_7764.html"),
          ("南昌高新区公开招聘社区工作者公告", "/html/tzgg/2022-09/20/art_7730.html"),
          ("关于开展2022年度企业研发投入后补助的通知", "/html/tzgg/2022-09/13/art_7712.html"),
          ("南昌高新区瑶湖片区临时交通管制通告", "/html/tzgg/2022-09/05/art_7690.html")]
    body = f"""<div class="wrap">
{breadcrumb([("首页", "/"), ("新闻中心", "/html/xwzx/list_1.html"), ("高新要闻", None)], sep="&gt;", label="您的位置：")}
<div class="inner-left">
<div class="slide"><ul>
{slides}
</ul></div>
<div class="inner-title"><h2>高新要闻</h2></div>
<div class="news-dl">
{chr(10).join(out)}
</div>
<div class="pagination"><a class="active" href="javascript:;">1</a><a href="list_2.html">2</a><a href="list_3.html">3</a><span>...</span><a href="list_41.html">41</a><a href="list_2.html" class="next">下一页 &gt;</a></div>
</div>
<div class="inner-right">
{sidebar("通知公告", tz, cls="side-tz", more="/html/tzgg/list_1.html")}
<div class="side-ad"><a href="/html/tzfw/zszc/"><img src="/static/images/ad_zszc.jpg" alt="招商政策"></a></div>
</div>
</div>
"""
    site.add("/html/xwzx/list_1.html", "html/xwzx/list_1.html", "list", head(f"高新要闻-{ZONE}") + body + tail(), {
        "items": [{"title": t, "link": url(ref, d), "date": d} for d, ref, t, p in ROWS],
        "next_page": "/html/xwzx/list_2.html",
        "notes": "UTF-8 only in <meta http-equiv=content-type>; one <dl> per item (dt link, optional dd.summary, "
                 "dd.time); first item is pinned (置顶) and older than the rest; item 3 links to another host "
                 "(jiangxi.gov.cn repost); the slideshow repeats three links and the 通知公告 sidebar is separate",
    }, CT)


def article(site, d, ref, t):
    hm, src, author, attach, ps = ARTICLES[ref]
    y, m, dd = d.split("-")
    att = (f'<div class="article-attach">附件：<a href="/uploadfiles/{y}{m}/{ref}.pdf">{esc(attach)}</a></div>'
           if attach else "")
    body = f"""<div class="wrap">
{breadcrumb([("首页", "/"), ("新闻中心", "/html/xwzx/list_1.html"), ("高新要闻", "/html/xwzx/list_1.html"), ("正文", None)], sep="&gt;", label="您的位置：")}
<div class="article">
<h1 class="article-title">{esc(t)}</h1>
<div class="article-meta">发布时间：{y}年{m}月{dd}日 {hm}　　来源：{esc(src)}　　作者：{esc(author)}　　阅读次数：<span id="readnum"></span></div>
<div class="article-content">
{paras(ps, style="nbsp")}
</div>
{att}
<div class="article-bottom"><div class="qrcode"><img src="/static/images/qr.png" alt=""><p>扫一扫在手机打开当前页</p></div>
<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3601000045">【我要纠错】</a> <a href="javascript:window.print();">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a></div>
</div>
</div>
"""
    u = url(ref, d)
    nib = ["扫一扫在手机打开当前页", "【我要纠错】", "【打印本页】", f"作者：{author}", "阅读次数："]
    if attach:
        nib.append("附件：")
    site.add(u, u.lstrip("/"), "article", head(f"{t}-{ZONE}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}:00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": nib,
        "notes": "发布时间 as 2022年10月11日 HH:MM; meta line also has 作者; body paragraphs wrapped in <span> after "
                 "&nbsp; indents" + ("; an attachment link follows the body" if attach else ""),
    }, CT)


def build():
    site = Site("a10-dl-nanchang-hitech", "custom portal, <dl> list")
    list_page(site)
    for d, ref, t, p in ROWS:
        if not isinstance(ref, str) and ref in ARTICLES:
            article(site, d, ref, t)
    return site.write()


if __name__ == "__main__":
    run(build)
