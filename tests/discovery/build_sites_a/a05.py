"""a05-gb18030-hangzhou-qiantang: 杭州钱塘新区 portal in GB18030, header without charset.

Home page without any feed; two news sections: 新区动态 (dates 2022/10/11, paged) and
公示公告 (dates MM-DD only, one page). An article uses characters outside GBK (4-byte GB18030).
"""
from common import Site, run, esc
from chrome import menu, sidebar, breadcrumb, gov_footer, friend_links, paras
from a05_data import XQDT, GSGG, ARTICLES

ENC = "gb18030"
CT = "text/html"
ZONE = "杭州钱塘新区"

MENU = [
    ("首页", "/", []),
    ("走进钱塘", "/zjqt/index.html", [("钱塘概况", "/zjqt/qtgk/index.html"), ("领导信息", "/zjqt/ldxx/index.html"),
                                   ("机构职能", "/zjqt/jgzn/index.html"), ("行政区划", "/zjqt/xzqh/index.html"),
                                   ("城市风貌", "/zjqt/csfm/index.html")]),
    ("新闻中心", "/xqdt/index.html", [("新区动态", "/xqdt/index.html"), ("公示公告", "/gsgg/index.html")]),
    ("政务公开", "http://www.hzqt.gov.cn/col/col1229520000/index.html", [
        ("政府信息公开", "http://www.hzqt.gov.cn/col/col1229520001/index.html"),
        ("政策文件", "http://www.hzqt.gov.cn/col/col1229520002/index.html"),
        ("财政信息", "http://www.hzqt.gov.cn/col/col1229520003/index.html")]),
    ("投资钱塘", "/tzqt/index.html", [("产业平台", "/tzqt/cypt/index.html"), ("投资环境", "/tzqt/tzhj/index.html"),
                                   ("招商政策", "/tzqt/zszc/index.html"), ("招商地图", "/tzqt/zsdt/index.html"),
                                   ("联系我们", "/tzqt/lxwm/index.html")]),
    ("政务服务", "https://www.zjzwfw.gov.cn/", [("个人办事", "https://www.zjzwfw.gov.cn/grbs/"),
                                            ("法人办事", "https://www.zjzwfw.gov.cn/frbs/"),
                                            ("一件事联办", "https://www.zjzwfw.gov.cn/yjs/")]),
    ("互动交流", "/hdjl/index.html", [("区长信箱", "/hdjl/qzxx/index.html"), ("咨询投诉", "/hdjl/zxts/index.html"),
                                   ("民意征集", "/hdjl/myzj/index.html"), ("在线访谈", "/hdjl/zxft/index.html")]),
]

LOCAL = [("浙江省人民政府", "https://www.zj.gov.cn/"), ("杭州市人民政府", "http://www.hangzhou.gov.cn/"),
         ("上城区人民政府", "http://www.hzsc.gov.cn/"), ("拱墅区人民政府", "http://www.gongshu.gov.cn/"),
         ("西湖区人民政府", "http://www.hzxh.gov.cn/"), ("滨江区人民政府", "http://www.hhtz.gov.cn/"),
         ("萧山区人民政府", "http://www.xiaoshan.gov.cn/"), ("余杭区人民政府", "http://www.yuhang.gov.cn/"),
         ("临平区人民政府", "http://www.linping.gov.cn/"), ("富阳区人民政府", "http://www.fuyang.gov.cn/")]

FOOT = gov_footer("杭州市钱塘区人民政府办公室", "浙ICP备2021012345号-1", "3301140001",
                  gongan="浙公网安备 33011402011234号", addr="杭州市钱塘区下沙街道福城路291号", tel="0571-86900000")

ZT = [("喜迎党的二十大", "/ztzl/xyddesd/index.html"), ("杭州亚运会", "/ztzl/hzyyh/index.html"),
      ("数字化改革", "/ztzl/szhgg/index.html"), ("共同富裕示范区建设", "/ztzl/gtfy/index.html"),
      ("清廉钱塘", "/ztzl/qlqt/index.html")]


def url(col, d, i):
    return f"/{col}/{d.replace('-', '')}/{i}.html"


def head(title):
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="gb18030">
<title>{esc(title)}</title>
<meta name="keywords" content="钱塘新区,钱塘区,杭州">
<link rel="stylesheet" type="text/css" href="/css/style.css">
<link rel="shortcut icon" href="/favicon.ico">
</head>
<body>
<div class="topbar"><div class="wrap"><span>欢迎访问{ZONE}（杭州市钱塘区）门户网站</span><span class="tq"><iframe src="//i.tianqi.com/?c=code&amp;id=1" width="160" height="20" frameborder="0" scrolling="no"></iframe></span>
<a href="javascript:;" onclick="SetHome(this,location.href)">设为首页</a> <a href="javascript:;" onclick="AddFavorite(document.title,location.href)">加入收藏</a></div></div>
<div class="head wrap"><a href="/"><img src="/images/logo.png" alt="{ZONE}"></a></div>
{menu(MENU)}
"""


def tail():
    return f"""<div class="wrap">{friend_links(LOCAL, mode="select")}</div>
{FOOT}
</body>
</html>
"""


def list_page(site, col, name, rows, arts, show, nxt, pages, notes):
    lis = "\n".join(f'<li><span class="date">{show(d)}</span><a href="{d.replace("-", "")}/{i}.html" target="_blank">{esc(t)}</a></li>'
                    for d, i, t in rows)
    pg = (f'<div class="pages">共{pages}页 <a href="index.html">首页</a> <span class="cur">1</span> '
          + "".join(f'<a href="index_{n}.html">{n}</a> ' for n in range(2, min(pages, 5) + 1))
          + (f'<a href="index_2.html">下一页</a> <a href="index_{pages}.html">尾页</a>' if pages > 1 else "")
          + "</div>")
    other = XQDT if col == "gsgg" else GSGG
    hot = [(t, url("gsgg" if col == "xqdt" else "xqdt", d, i)) for d, i, t in other[2:8]]
    body = f"""<div class="wrap">
{breadcrumb([("首页", "/"), ("新闻中心", "/xqdt/index.html"), (name, None)], sep="&gt;", label="您现在的位置：")}
<div class="l-side">
<div class="side-menu"><h2>新闻中心</h2><a href="/xqdt/index.html">新区动态</a><a href="/gsgg/index.html">公示公告</a></div>
{sidebar("公示公告" if col == "xqdt" else "新区动态", hot, cls="side-news")}
</div>
<div class="r-main">
<div class="r-title"><span>{name}</span></div>
<ul class="news_list">
{lis}
</ul>
{pg}
</div>
<div class="clear"></div>
</div>
"""
    path = f"/{col}/index.html"
    site.add(path, path.lstrip("/"), "list", head(f"{name}-{ZONE}") + body + tail(), {
        "items": [{"title": t, "link": url(col, d, i), "date": show(d)} for d, i, t in rows],
        "next_page": nxt, "notes": notes}, CT, ENC)
    for d, i, t in rows:
        if i in arts:
            article(site, col, name, d, i, t)


def article(site, col, name, d, i, t):
    hm, src, author, ps = ARTICLES[i]
    shown = d.replace("-", "/")
    au = f"&nbsp;&nbsp;作者：{author}" if author else ""
    body = f"""<div class="wrap">
{breadcrumb([("首页", "/"), ("新闻中心", "/xqdt/index.html"), (name, f"/{col}/index.html"), ("正文", None)], label="您现在的位置：")}
<div class="article">
<h2 class="atitle">{esc(t)}</h2>
<div class="ainfo">发布时间：{shown} {hm}&nbsp;&nbsp;来源：{esc(src)}{au}&nbsp;&nbsp;浏览量：<span id="hits"><script src="/plus/count.php?aid={i}&amp;mid=1"></script></span></div>
<div class="acontent" id="zoom">
{paras(ps, style="nbsp")}
</div>
<div class="aend">【<a href="javascript:;" onclick="AddFavorite(document.title,location.href)">收藏</a>】【<a href="javascript:window.print();">打印</a>】【<a href="javascript:window.close();">关闭</a>】</div>
</div>
{sidebar("专题专栏", ZT, cls="zt")}
</div>
"""
    path = url(col, d, i)
    nib = ["发布时间：", "浏览量：", "收藏", "专题专栏", "喜迎党的二十大"]
    if author:
        nib.append(f"作者：{author}")
    site.add(path, path.lstrip("/"), "article", head(f"{t}-{ZONE}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}:00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": nib,
        "notes": "GB18030 page, header without charset; 发布时间 as 2022/10/11 HH:MM; paragraphs indented with &nbsp;"
                 + ("; body contains 㛃 (4-byte GB18030) and 䶮 (FE9F, not GBK)" if i == 18765 else ""),
    }, CT, ENC)


def home(site):
    news = "\n".join(f'<li><a href="{url("xqdt", d, i)}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d[5:]}</span></li>'
                     for d, i, t in XQDT[:8])
    ggs = "\n".join(f'<li><a href="{url("gsgg", d, i)}" target="_blank" title="{esc(t)}">{esc(t)}</a><span>{d[5:]}</span></li>'
                    for d, i, t in GSGG[:6])
    slides = "\n".join(f'<li><a href="{url("xqdt", d, i)}" target="_blank"><img src="/uploads/slide{n}.jpg" alt="{esc(t)}"><p>{esc(t)}</p></a></li>'
                       for n, (d, i, t) in enumerate([XQDT[0], XQDT[4], XQDT[6]], 1))
    body = f"""<div class="wrap idx-row1">
<div class="slide"><ul>{slides}</ul></div>
<div class="idx-box"><div class="idx-hd"><h3>新区动态</h3><a class="more" href="/xqdt/index.html">更多+</a></div><ul>
{news}
</ul></div>
</div>
<div class="wrap idx-row2">
<div class="idx-box"><div class="idx-hd"><h3>公示公告</h3><a class="more" href="/gsgg/index.html">更多+</a></div><ul>
{ggs}
</ul></div>
<div class="idx-fw"><h3>政务服务</h3><a href="https://www.zjzwfw.gov.cn/grbs/">个人办事</a><a href="https://www.zjzwfw.gov.cn/frbs/">法人办事</a><a href="https://www.zjzwfw.gov.cn/yjs/">一件事联办</a><a href="/hdjl/qzxx/index.html">区长信箱</a></div>
</div>
<div class="wrap">{sidebar("专题专栏", ZT, cls="zt")}</div>
"""
    site.add("/", "index.html", "home", head(f"{ZONE}（杭州市钱塘区）") + body + tail(), {
        "feeds": [], "news_lists": ["/xqdt/index.html", "/gsgg/index.html"],
        "region_hint": "杭州市", "zone_hint": ZONE,
        "notes": "no feed at all; home blocks show MM-DD dates; 政务公开 lives on another host",
    }, CT, ENC)


def build():
    site = Site("a05-gb18030-hangzhou-qiantang", "custom portal (GB18030)")
    home(site)
    list_page(site, "xqdt", "新区动态", XQDT, {18765, 18702}, lambda d: d.replace("-", "/"),
              "/xqdt/index_2.html", 12,
              "dates shown as 2022/10/11 before the link; links relative without ./ (20221011/18765.html); "
              "plain <a> pager, next is index_2.html")
    list_page(site, "gsgg", "公示公告", GSGG, {18766, 18684}, lambda d: d[5:], None, 1,
              "dates shown as MM-DD only (labelled as shown, e.g. \"10-11\"; year 2022 from the articles); single page")
    return site.write()


if __name__ == "__main__":
    run(build)
