"""a04-onclick-nanjing-jiangbei: custom jQuery site of 南京江北新区, UTF-8.

List items have no href: <li data-id="881" onclick="toDetail('881')">, titles cut with "…"
(full title only in title=""), articles at /news/detail?id=881. A JSON API with only ids and
epoch-millisecond times feeds the same list.
"""
import json
from datetime import datetime, timezone, timedelta

from common import Site, run, esc
from chrome import menu, sidebar, gov_footer, friend_links, paras, share_bar

CT = "text/html; charset=utf-8"
ZONE = "南京江北新区"
TZ = timezone(timedelta(hours=8))

# (date, time, id, title)
ROWS = [
    ("2022-10-11", "09:30", 881, "江北新区与12家企业集中签约 总投资超260亿元"),
    ("2022-10-10", "17:12", 879, "南京江北新区集成电路产业地标项目开工建设"),
    ("2022-10-09", "10:05", 876, "江北新区发布支持生物医药产业高质量发展若干政策"),
    ("2022-10-08", "15:40", 872, "“江北新区数字经济创新发展大会”在南京召开"),
    ("2022-09-30", "11:20", 868, "江北新区扬子江新金融集聚区新增入驻机构15家"),
    ("2022-09-29", "16:48", 865, "南京江北新区发布第五批自贸试验区制度创新成果"),
    ("2022-09-28", "09:15", 861, "江北新区召开重大项目建设推进会"),
    ("2022-09-27", "14:30", 858, "南京江北新区举办“创业江北”高层次人才创业大赛决赛"),
    ("2022-09-26", "10:50", 853, "江北新区产业技术研创园新增3家新型研发机构"),
    ("2022-09-23", "18:05", 850, "江北新区浦口片区城市更新项目正式启动"),
    ("2022-09-22", "08:45", 846, "关于开展2022年度“江北新区优秀企业家”评选活动的通知"),
    ("2022-09-21", "16:00", 843, "江北新区地铁4号线二期工程首段盾构始发"),
    ("2022-09-20", "11:35", 839, "南京江北新区获批建设国家人工智能创新应用先导区"),
    ("2022-09-19", "15:25", 836, "江北新区举办2022年“服务企业周”活动"),
    ("2022-09-16", "10:10", 832, "江北新区前8个月新登记市场主体同比增长18%"),
]

ARTICLES = {
    881: ("江北新区融媒体中心", "王蕾", [
        "10月10日，江北新区2022年第四季度重大项目集中签约活动举行，12家企业与新区集中签约，总投资超260亿元。",
        "本次签约项目聚焦集成电路、生命健康、新金融三大主导产业，其中集成电路项目5个、生物医药项目4个、新金融及产业服务项目3个。",
        "签约项目中，一家国内领先的功率半导体企业将投资85亿元建设12英寸晶圆制造项目，达产后可实现年产值约120亿元。",
        "新区相关负责人表示，将以“店小二”精神做好项目服务，建立项目全生命周期服务机制，推动签约项目尽快落地开工。",
        "据统计，今年以来江北新区累计签约亿元以上产业项目146个，协议总投资超过1800亿元。",
    ]),
    876: ("江北新区生物医药谷", "刘畅", [
        "为加快建设具有全球影响力的生命健康产业创新高地，江北新区近日发布《关于支持生物医药产业高质量发展的若干政策》。",
        "《若干政策》共十六条，覆盖研发创新、临床试验、产业化落地、人才引育、金融支持等全链条环节。",
        "在研发创新方面，对取得一类创新药临床批件并在新区开展临床试验的企业，最高给予1000万元资助；对取得医疗器械注册证的企业，按类别给予奖励。",
        "在产业化方面，对固定资产投资超过1亿元的生物医药产业化项目，按设备投资额的15%给予补贴，最高2000万元。",
        "新区生物医药谷相关负责人介绍，政策自发布之日起施行，具体申报指南将另行发布，企业可通过“江北新区企业服务平台”在线申报。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进新区", "/about", [("新区简介", "/about/intro"), ("领导信息", "/about/leaders"), ("机构设置", "/about/org"),
                          ("发展规划", "/about/plan"), ("区位优势", "/about/location")]),
    ("新闻动态", "/news/list?type=1", [("新区要闻", "/news/list?type=1"), ("部门动态", "/news/list?type=2"),
                                     ("街道动态", "/news/list?type=3"), ("媒体聚焦", "/news/list?type=4"),
                                     ("视频新闻", "/video/list")]),
    ("政务公开", "/gk", [("政策文件", "/gk/policy"), ("政策解读", "/gk/interpret"), ("人事信息", "/gk/hr"),
                        ("财政信息", "/gk/finance"), ("建议提案", "/gk/proposal")]),
    ("产业发展", "/industry", [("集成电路", "/industry/ic"), ("生命健康", "/industry/health"),
                             ("新金融", "/industry/finance"), ("智能制造", "/industry/im")]),
    ("自贸区", "/ftz", [("自贸动态", "/ftz/news"), ("制度创新", "/ftz/innovation"), ("政策汇编", "/ftz/policy")]),
    ("互动交流", "/hd", [("主任信箱", "/hd/mailbox"), ("在线访谈", "/hd/interview"), ("意见征集", "/hd/survey")]),
]

LOCAL = [("江苏省人民政府", "http://www.jiangsu.gov.cn/"), ("南京市人民政府", "https://www.nanjing.gov.cn/"),
         ("浦口区人民政府", "http://www.pukou.gov.cn/"), ("六合区人民政府", "http://www.njlh.gov.cn/"),
         ("中国（江苏）自由贸易试验区", "http://swt.jiangsu.gov.cn/col/col77156/"),
         ("南京市发展和改革委员会", "http://fgw.nanjing.gov.cn/")]

FOOT = gov_footer("南京江北新区管理委员会", "苏ICP备15045678号-1", "3201000099",
                  gongan="苏公网安备 32011102010789号", addr="南京市江北新区研创园腾飞大厦", tel="025-58391234",
                  undertaker="南京江北新区党政和人力资源保障部")


def cut(t, n=18):
    return t if len(t) <= n else t[:n] + "…"


def ms(d, hm):
    return int(datetime.strptime(f"{d} {hm}", "%Y-%m-%d %H:%M").replace(tzinfo=TZ).timestamp() * 1000)


def head(title):
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<link rel="stylesheet" href="/static/css/main.css?v=20220901">
<script src="/static/js/jquery-3.6.0.min.js"></script>
</head>
<body>
<header class="header"><div class="container"><a class="logo" href="/"><img src="/static/img/logo.png" alt="{ZONE}"></a>
<div class="search-box"><input type="text" id="kw" placeholder="搜索"><button onclick="location.href='/search?kw='+encodeURIComponent($('#kw').val())">搜索</button></div></div>
{menu(MENU, cls="main-nav")}
</header>
"""


def tail():
    return f"""<footer>{friend_links(LOCAL, mode="list")}
{FOOT}</footer>
<script>
function toDetail(id) {{
  window.open('/news/detail?id=' + id);
}}
function goPage(n) {{
  location.href = '/news/list?type=1&page=' + n;
}}
</script>
</body>
</html>
"""


def list_page(site):
    lis = "\n".join(
        f"""<li class="news-item" data-id="{i}" onclick="toDetail('{i}')"><span class="news-title" title="{esc(t)}">{esc(cut(t))}</span><span class="news-date">{d}</span></li>"""
        for d, hm, i, t in ROWS)
    rec = [(t, f"/news/detail?id={i}") for d, hm, i, t in [ROWS[12], ROWS[1], ROWS[7], ROWS[9], ROWS[4], ROWS[11]]]
    body = f"""<div class="container page-list">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/list?type=1">新闻动态</a> &gt; 新区要闻</div>
<div class="row">
<div class="col-main">
<div class="col-title"><h2>新区要闻</h2></div>
<ul class="news-list" id="newsList">
{lis}
</ul>
<div class="pager"><a href="javascript:;" class="cur">1</a><a href="javascript:;" onclick="goPage(2)">2</a><a href="javascript:;" onclick="goPage(3)">3</a><span>…</span><a href="javascript:;" onclick="goPage(24)">24</a><a href="javascript:;" onclick="goPage(2)">下一页</a></div>
</div>
<div class="col-side">
{sidebar("推荐阅读", rec, cls="side-rec")}
<div class="side-zt"><h3>专题专栏</h3><a href="/zt/ddesd"><img src="/static/img/zt1.jpg" alt="喜迎二十大"></a><a href="/zt/yshj"><img src="/static/img/zt2.jpg" alt="营商环境"></a><a href="/zt/wmcj"><img src="/static/img/zt3.jpg" alt="文明创建"></a></div>
</div>
</div>
</div>
"""
    site.add("/news/list?type=1", "news/list_type1.html", "list", head(f"新区要闻-{ZONE}") + body + tail(), {
        "items": [{"title": t, "link": f"/news/detail?id={i}", "date": d} for d, hm, i, t in ROWS],
        "next_page": "/news/list?type=1&page=2",
        "notes": "items have no <a>: <li data-id onclick=toDetail('id')>, toDetail (in the footer script) opens "
                 "'/news/detail?id=' + id; titles cut to 18 chars + '…' with the full title in the span's title=; "
                 "next page from goPage(2) -> '/news/list?type=1&page=' + n. 推荐阅读 sidebar uses real hrefs to the same "
                 "detail URLs and is not the list.",
    }, CT)


def article(site, d, hm, i, t):
    src, editor, ps = ARTICLES[i]
    idx = [r[2] for r in ROWS].index(i)
    next_t, next_i = ROWS[idx + 1][3], ROWS[idx + 1][2]
    if idx == 0:
        prev = "<p>上一篇：没有了</p>"
    else:
        prev = f'<p>上一篇：<a href="/news/detail?id={ROWS[idx - 1][2]}">{esc(ROWS[idx - 1][3])}</a></p>'
    body = f"""<div class="container page-detail">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/list?type=1">新闻动态</a> &gt; 新区要闻 &gt; 正文</div>
<div class="detail">
<h1 class="detail-title">{esc(t)}</h1>
<div class="detail-info"><span>发布时间：{d} {hm}</span><span>来源：{esc(src)}</span><span>阅读量：<em id="viewCount">--</em></span></div>
<div class="detail-content">
{paras(ps, style="css")}
</div>
<div class="detail-editor">责任编辑：{editor}</div>
{share_bar()}
<div class="detail-tools"><a href="javascript:window.print();">【打印】</a><a href="javascript:window.close();">【关闭】</a></div>
<div class="prev-next">{prev}<p>下一篇：<a href="/news/detail?id={next_i}">{esc(next_t)}</a></p></div>
</div>
</div>
<script>$.get('/api/news/view?id={i}', function (r) {{ $('#viewCount').text(r.data); }});</script>
"""
    site.add(f"/news/detail?id={i}", f"news/detail_{i}.html", "article", head(f"{t}-{ZONE}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}:00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": [f"责任编辑：{editor}", "分享到：", "【打印】", "上一篇：", "下一篇：", next_t],
        "notes": "detail URL carries the id in the query string",
    }, CT)


def api(site):
    recs = [{"id": i, "title": t, "publishTime": ms(d, hm), "columnId": 1, "isTop": 0,
             "coverImg": f"/upload/image/{d.replace('-', '')}/{i}.jpg" if n % 3 == 0 else "",
             "viewCount": 1500 - n * 83}
            for n, (d, hm, i, t) in enumerate(ROWS[:10])]
    doc = {"code": 200, "msg": "操作成功",
           "data": {"total": 356, "pageNo": 1, "pageSize": 10, "pages": 36, "records": recs}}
    site.add("/api/news/list?pageNo=1&pageSize=10&type=1", "api/news_list_p1.json", "json",
             json.dumps(doc, ensure_ascii=False, separators=(",", ":")), {
                 "array_path": "data.records",
                 "items": [{"title": t, "link": f"/news/detail?id={i}", "date": f"{d}T{hm}:00+08:00"}
                           for d, hm, i, t in ROWS[:10]],
                 "jsonp": False,
                 "notes": "records carry only id, no URL: links follow the site's toDetail template "
                          "'/news/detail?id=' + id (footer script of /news/list?type=1); publishTime is epoch "
                          "milliseconds, shown as +08:00 local time",
             }, "application/json;charset=UTF-8")


def build():
    site = Site("a04-onclick-nanjing-jiangbei", "custom jQuery + JSON API")
    list_page(site)
    for d, hm, i, t in ROWS:
        if i in ARTICLES:
            article(site, d, hm, i, t)
    api(site)
    return site.write()


if __name__ == "__main__":
    run(build)
