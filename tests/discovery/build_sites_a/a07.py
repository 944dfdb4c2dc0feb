"""a07-json-xiamen-torch: 厦门火炬高新区, UTF-8, card list + plain JSON API (data.list).

The list page is served at a folder URL (/xwzx/hjyw/), each card is one <a> wrapping a split
date (day / year-month), an <h3> title and a summary; more items come from the JSON API via a
"加载更多" button, so there is no next-page link.
"""
import json

from common import Site, run, esc
from chrome import menu, sidebar, gov_footer, friend_links, paras, share_bar

CT = "text/html; charset=UTF-8"
ZONE = "厦门火炬高技术产业开发区"
SHORT = "厦门火炬高新区"

# (date, time, id, title, summary)
ROWS = [
    ("2022-10-11", "09:30", 902345, "火炬高新区举行2022年第四季度项目集中签约活动", None),
    ("2022-10-10", "16:20", 902311, "厦门火炬高新区新一代半导体产业园开工建设", "项目总投资约120亿元，重点布局化合物半导体设计、制造与封测环节。"),
    ("2022-10-09", "10:00", 902287, "火炬高新区召开平板显示产业链协同发展座谈会", "30余家链上企业参加座谈，围绕本地配套、人才引进等议题交流。"),
    ("2022-10-08", "15:45", 902260, "火炬高新区6家企业获评国家级专精特新“小巨人”", "截至目前，火炬高新区国家级专精特新“小巨人”企业累计达到41家。"),
    ("2022-09-30", "11:10", 902198, "厦门火炬高新区出台加快软件和信息服务业发展若干措施", None),
    ("2022-09-29", "17:30", 902176, "火炬高新区举办“火炬杯”创新创业大赛总决赛", "经过激烈角逐，18个项目分获企业组和团队组一、二、三等奖。"),
    ("2022-09-28", "09:50", 902150, "火炬（翔安）产业区新增两个百亿级项目", "两个项目分别聚焦新型显示和新能源储能领域。"),
    ("2022-09-27", "14:05", 902123, "火炬高新区与厦门大学共建联合创新中心", "双方将在人工智能、新材料等领域开展联合攻关和成果转化。"),
    ("2022-09-26", "10:40", 902097, "火炬高新区开展“暖企行动”精准服务企业", "园区组织100余名干部深入企业，现场协调解决各类问题86个。"),
    ("2022-09-23", "16:15", 902055, "厦门火炬高新区获批国家知识产权服务业集聚发展示范区", "这是福建省首个获批的国家知识产权服务业集聚发展示范区。"),
    ("2022-09-22", "08:55", 902031, "火炬高新区前8个月规上工业总产值增长11.4%", "电子信息、机械装备等主导产业保持较快增长。"),
    ("2022-09-21", "15:30", 902004, "火炬高新区举行重点企业用工对接会", "现场提供就业岗位2300余个，初步达成就业意向680人。"),
]

ARTICLES = {
    902345: ("厦门日报", "李静", [
        "10月10日，厦门火炬高新区举行2022年第四季度项目集中签约活动，18个项目现场签约，总投资达235亿元。",
        "此次签约项目聚焦平板显示、计算机与通讯设备、半导体和集成电路、软件信息等主导产业，其中产业链龙头项目4个、研发总部项目3个。",
        "火炬高新区管委会主要负责人表示，园区将围绕产业链精准招商，强化全流程服务，推动签约项目早落地、早投产、早见效。",
        "今年以来，火炬高新区累计签约项目126个，计划总投资超过900亿元，产业集聚效应持续显现。",
    ]),
    902198: ("火炬高新区经济发展局", "黄婷", [
        "为加快软件和信息服务业高质量发展，厦门火炬高新区近日出台《加快软件和信息服务业发展的若干措施》，共十五条。",
        "《若干措施》提出，对首次入选中国软件业务收入前百家的企业，给予一次性奖励500万元；对年软件业务收入首次突破10亿元、5亿元、1亿元的企业，分别给予200万元、100万元、50万元奖励。",
        "在人才支持方面，对软件企业引进的高级技术人才，按其个人年度贡献给予最高30万元奖励，并在人才住房、子女入学等方面提供保障。",
        "在载体建设方面，对入驻软件园区的企业给予最长三年的租金补贴，补贴标准最高为每月每平方米30元。",
        "《若干措施》自发布之日起施行，有效期至2025年12月31日。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进火炬", "/zjhj/", [("火炬概况", "/zjhj/hjgk/"), ("领导之窗", "/zjhj/ldzc/"), ("组织机构", "/zjhj/zzjg/"),
                          ("园区分布", "/zjhj/yqfb/"), ("发展历程", "/zjhj/fzlc/")]),
    ("新闻中心", "/xwzx/", [("火炬要闻", "/xwzx/hjyw/"), ("园区动态", "/xwzx/yqdt/"), ("媒体报道", "/xwzx/mtbd/"),
                          ("通知公告", "/xwzx/tzgg/"), ("视频火炬", "/xwzx/sphj/")]),
    ("政务公开", "/zwgk/", [("政策法规", "/zwgk/zcfg/"), ("政策解读", "/zwgk/zcjd/"), ("规划计划", "/zwgk/ghjh/"),
                          ("统计数据", "/zwgk/tjsj/")]),
    ("投资火炬", "/tzhj/", [("产业体系", "/tzhj/cytx/"), ("载体空间", "/tzhj/ztkj/"), ("招商政策", "/tzhj/zszc/"),
                          ("投资服务", "/tzhj/tzfw/")]),
    ("企业服务", "/qyfw/", [("政策兑现", "/qyfw/zcdx/"), ("人才服务", "/qyfw/rcfw/"), ("科技金融", "/qyfw/kjjr/")]),
    ("互动交流", "/hdjl/", [("主任信箱", "/hdjl/zrxx/"), ("意见征集", "/hdjl/yjzj/"), ("常见问题", "/hdjl/cjwt/")]),
]

LOCAL = [("福建省人民政府", "http://www.fujian.gov.cn/"), ("厦门市人民政府", "http://www.xm.gov.cn/"),
         ("思明区人民政府", "http://www.siming.gov.cn/"), ("湖里区人民政府", "http://www.huli.gov.cn/"),
         ("集美区人民政府", "http://www.jimei.gov.cn/"), ("海沧区人民政府", "http://www.haicang.gov.cn/"),
         ("同安区人民政府", "http://www.xmta.gov.cn/"), ("翔安区人民政府", "http://www.xiangan.gov.cn/"),
         ("厦门市科学技术局", "http://st.xm.gov.cn/")]

FOOT = gov_footer("厦门火炬高技术产业开发区管理委员会", "闽ICP备05023456号", "3502000003",
                  gongan="闽公网安备 35020602001234号", addr="厦门市湖里区火炬园火炬路56-58号", tel="0592-6025678")


def url(d, i):
    return f"/xwzx/hjyw/{d[:7].replace('-', '')}/{i}.html"


def summary(i, s):
    return s if s else ARTICLES[i][2][0][:40] + "…"


def head(title):
    return f"""<!DOCTYPE html>
<html lang="zh-cmn-Hans">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="/assets/css/app.css">
</head>
<body>
<div class="site-top"><div class="container"><span>{ZONE}管理委员会</span><a href="/en/">English</a><a href="javascript:;" class="aria">无障碍</a></div></div>
<header class="site-head container"><a href="/" class="logo"><img src="/assets/img/logo.svg" alt="{SHORT}"></a></header>
{menu(MENU, cls="site-nav")}
"""


def tail(extra_js=""):
    return f"""{friend_links(LOCAL, mode="select")}
{FOOT}
<script src="/assets/js/jquery.min.js"></script>
{extra_js}
</body>
</html>
"""


def list_page(site):
    cards = "\n".join(f"""<div class="news-card">
  <a href="{url(d, i)}" class="card-link" target="_blank">
    <div class="card-date"><span class="day">{d[8:]}</span><span class="ym">{d[:7]}</span></div>
    <div class="card-body"><h3>{esc(t)}</h3><p class="summary">{esc(summary(i, s))}</p></div>
  </a>
</div>""" for d, hm, i, t, s in ROWS)
    hot = [(t, url(d, i)) for d, hm, i, t, s in [ROWS[9], ROWS[3], ROWS[6], ROWS[1], ROWS[4]]]
    js = """<script>
var pageNum = 1;
$('#loadMore').on('click', function () {
  pageNum++;
  $.getJSON('/api/content/list', {columnId: 2001, pageNum: pageNum, pageSize: 12}, function (res) {
    $.each(res.data.list, function (k, v) {
      var d = v.releaseTime.substr(0, 10);
      $('#cardList').append('<div class="news-card"><a href="' + v.url + '" class="card-link" target="_blank"><div class="card-date"><span class="day">' + d.substr(8, 2) + '</span><span class="ym">' + d.substr(0, 7) + '</span></div><div class="card-body"><h3>' + v.title + '</h3><p class="summary">' + v.summary + '</p></div></a></div>');
    });
    if (pageNum * 12 >= res.data.total) { $('#loadMore').hide(); }
  });
});
</script>"""
    body = f"""<div class="container crumbs"><a href="/">首页</a><i>/</i><a href="/xwzx/">新闻中心</a><i>/</i><span>火炬要闻</span></div>
<div class="container layout">
<aside class="aside">
<div class="aside-menu"><h2>新闻中心</h2><a class="active" href="/xwzx/hjyw/">火炬要闻</a><a href="/xwzx/yqdt/">园区动态</a><a href="/xwzx/mtbd/">媒体报道</a><a href="/xwzx/tzgg/">通知公告</a></div>
{sidebar("热点新闻", hot, cls="aside-hot")}
</aside>
<main class="main">
<div class="main-title">火炬要闻</div>
<div class="card-list" id="cardList">
{cards}
</div>
<button id="loadMore" class="btn-more">加载更多</button>
</main>
</div>
"""
    site.add("/xwzx/hjyw/", "xwzx/hjyw/index.html", "list", head(f"火炬要闻 - {SHORT}") + body + tail(js), {
        "items": [{"title": t, "link": url(d, i), "date": d} for d, hm, i, t, s in ROWS],
        "next_page": None,
        "notes": "list page URL is a folder (/xwzx/hjyw/); each card is one <a> around the date, <h3> title and summary; "
                 "date split into <span class=day>11</span><span class=ym>2022-10</span> (labelled 2022-10-11); "
                 "more items only via the 加载更多 button calling /api/content/list, so no next page",
    }, CT)


def article(site, d, hm, i, t):
    src, editor, ps = ARTICLES[i]
    idx = [r[2] for r in ROWS].index(i)
    rec = [(r[3], url(r[0], r[2])) for r in ROWS[idx + 1:idx + 6]]
    body = f"""<div class="container crumbs"><a href="/">首页</a><i>/</i><a href="/xwzx/">新闻中心</a><i>/</i><a href="/xwzx/hjyw/">火炬要闻</a><i>/</i><span>正文</span></div>
<div class="container detail">
<h1 class="detail-title">{esc(t)}</h1>
<div class="detail-meta"><span>发布时间：{d} {hm}</span><span>来源：{esc(src)}</span><span>字号：<a href="javascript:;" data-size="18">大</a><a href="javascript:;" data-size="16">中</a><a href="javascript:;" data-size="14">小</a></span></div>
<div class="detail-body" id="detailBody">
{paras(ps)}
</div>
<div class="detail-foot"><p>【责任编辑：{editor}】</p>{share_bar()}</div>
{sidebar("相关推荐", rec, cls="detail-rec")}
</div>
"""
    site.add(url(d, i), url(d, i).lstrip("/"), "article", head(f"{t} - {SHORT}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}:00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": [f"责任编辑：{editor}", "分享到：", "相关推荐", rec[0][0], "字号："],
        "notes": "相关推荐 block after the body is a list of 5 other articles",
    }, CT)


def api(site):
    recs = [{"contentId": i, "title": t, "url": url(d, i), "releaseTime": f"{d} {hm}:00", "source": SHORT,
             "summary": summary(i, s), "thumbnail": f"/upload/{d.replace('-', '')}/{i}_s.jpg" if n < 3 else None}
            for n, (d, hm, i, t, s) in enumerate(ROWS)]
    doc = {"code": 0, "msg": "success", "data": {"total": 236, "pageNum": 1, "pageSize": 12, "list": recs}}
    site.add("/api/content/list?columnId=2001&pageNum=1&pageSize=12", "api/content_list_2001_p1.json", "json",
             json.dumps(doc, ensure_ascii=False, indent=2), {
                 "array_path": "data.list",
                 "items": [{"title": t, "link": url(d, i), "date": f"{d}T{hm}:00+08:00"} for d, hm, i, t, s in ROWS],
                 "jsonp": False,
                 "notes": "plain JSON; link = the url field (root-relative); releaseTime 'YYYY-MM-DD HH:MM:SS' in "
                          "Beijing time; the same call the list page's 加载更多 button makes (page 1)",
             }, "application/json;charset=UTF-8")


def build():
    site = Site("a07-json-xiamen-torch", "custom card list + JSON API")
    list_page(site)
    for d, hm, i, t, s in ROWS:
        if i in ARTICLES:
            article(site, d, hm, i, t)
    api(site)
    return site.write()


if __name__ == "__main__":
    run(build)
