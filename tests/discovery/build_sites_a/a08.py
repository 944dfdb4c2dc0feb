"""a08-gb2312-ningbo-ftz: 宁波保税区, JEECMS-style .jhtml pages in GB2312 (header without charset).

Table-row list with cut titles (full title only in title=) and 2022年10月11日 dates; the page
also pulls a JSONP feed (callback({...}) as application/javascript) for its 滚动新闻 ticker.
"""
import json

from common import Site, run, esc
from chrome import menu, sidebar, gov_footer, friend_links, paras

ENC = "gb2312"
CT = "text/html"
ZONE = "宁波保税区"
CB = "jQuery18306571239_1665451800123"

ROWS = [
    ("2022-10-11", "10:28:45", 12345, "宁波保税区举行2022年第四季度重大项目集中签约活动"),
    ("2022-10-10", "15:02:10", 12339, "宁波保税区前三季度跨境电商进口额同比增长15%"),
    ("2022-10-09", "09:41:33", 12332, "宁波保税区召开进口商品“世界超市”建设推进会"),
    ("2022-10-08", "16:20:05", 12325, "宁波保税区集成电路产业园首个项目竣工投产"),
    ("2022-09-30", "11:15:27", 12310, "宁波保税区出台支持外贸企业稳订单拓市场十条措施"),
    ("2022-09-29", "17:45:00", 12303, "宁波保税区开展节前安全生产和消防安全检查"),
    ("2022-09-28", "10:05:19", 12296, "宁波保税区与宁波舟山港集团签署战略合作协议"),
    ("2022-09-27", "14:33:41", 12288, "宁波保税区新增省级“雏鹰行动”培育企业5家"),
    ("2022-09-26", "09:12:56", 12281, "宁波保税区举办进口商品展销会 吸引采购商3000余人次"),
    ("2022-09-23", "15:50:14", 12270, "宁波保税区在全国综合保税区发展绩效评估中获评A类"),
    ("2022-09-22", "10:38:02", 12262, "宁波保税区召开“双招双引”工作推进会"),
    ("2022-09-21", "16:07:45", 12255, "宁波保税区新材料产业园签约落户3个项目"),
    ("2022-09-20", "11:26:30", 12249, "宁波保税区开展“企业服务日”活动 解决企业诉求42项"),
    ("2022-09-19", "08:59:12", 12240, "宁波保税区1至8月完成固定资产投资46.8亿元"),
]

ARTICLES = {
    12345: ("宁波保税区管委会办公室", "周婷", [
        "10月10日上午，宁波保税区举行2022年第四季度重大项目集中签约活动，15个项目集中签约，总投资102亿元。",
        "本次签约项目主要集中在集成电路、新材料、进口贸易和现代物流等领域，其中外资项目4个，总投资超10亿元的项目3个。",
        "宁波保税区党工委主要负责人在签约活动上表示，保税区将充分发挥开放平台优势，持续优化营商环境，为项目建设提供最优服务。",
        "据悉，今年以来宁波保税区已累计引进亿元以上项目38个，实际利用外资同比增长32%，招商引资工作实现逆势增长。",
    ]),
    12310: ("宁波保税区经济发展局", "陈洁", [
        "为帮助外贸企业应对复杂严峻的国际形势，稳订单、拓市场，宁波保税区近日出台《支持外贸企业稳订单拓市场十条措施》。",
        "措施提出，对企业参加境外展会的展位费给予最高80%的补助；对企业新开拓“一带一路”沿线市场，按出口额增量给予奖励。",
        "在降低企业成本方面，对企业投保出口信用保险的保费给予全额补助；对进口商品展示交易中心的租金给予阶段性减免。",
        "在通关便利方面，保税区将联合海关推广“两步申报”“提前申报”等便利措施，进一步压缩货物通关时间。",
        "十条措施自2022年10月1日起施行，由宁波保税区经济发展局负责解释。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进保税区", "/zjbsq/index.jhtml", [("保税区概况", "/zjbsq/bsqgk/index.jhtml"), ("领导之窗", "/zjbsq/ldzc/index.jhtml"),
                                        ("机构设置", "/zjbsq/jgsz/index.jhtml"), ("发展历程", "/zjbsq/fzlc/index.jhtml")]),
    ("新闻中心", "/bsqxw/index.jhtml", [("保税区新闻", "/bsqxw/index.jhtml"), ("通知公告", "/tzgg/index.jhtml"),
                                     ("媒体聚焦", "/mtjj/index.jhtml")]),
    ("政务公开", "http://xxgk.ningbo.gov.cn/bsq/", [("信息公开指南", "http://xxgk.ningbo.gov.cn/bsq/gkzn/"),
                                                 ("信息公开目录", "http://xxgk.ningbo.gov.cn/bsq/gkml/"),
                                                 ("信息公开年报", "http://xxgk.ningbo.gov.cn/bsq/ndbg/")]),
    ("招商引资", "/zsyz/index.jhtml", [("投资环境", "/zsyz/tzhj/index.jhtml"), ("产业导向", "/zsyz/cydx/index.jhtml"),
                                    ("优惠政策", "/zsyz/yhzc/index.jhtml"), ("招商载体", "/zsyz/zszt/index.jhtml"),
                                    ("联系方式", "/zsyz/lxfs/index.jhtml")]),
    ("企业服务", "/qyfw/index.jhtml", [("政策兑现", "/qyfw/zcdx/index.jhtml"), ("通关服务", "/qyfw/tgfw/index.jhtml"),
                                    ("人才服务", "/qyfw/rcfw/index.jhtml"), ("下载中心", "/qyfw/xzzx/index.jhtml")]),
    ("互动交流", "/hdjl/index.jhtml", [("主任信箱", "/hdjl/zrxx/index.jhtml"), ("咨询投诉", "/hdjl/zxts/index.jhtml"),
                                    ("网上调查", "/hdjl/wsdc/index.jhtml")]),
]

LOCAL = [("浙江省人民政府", "https://www.zj.gov.cn/"), ("宁波市人民政府", "http://www.ningbo.gov.cn/"),
         ("北仑区人民政府", "http://www.bl.gov.cn/"), ("宁波海关", "http://ningbo.customs.gov.cn/"),
         ("宁波市商务局", "http://swj.ningbo.gov.cn/"), ("宁波舟山港", "http://www.nbport.com.cn/"),
         ("宁波梅山保税港区", "http://www.nbmeishan.gov.cn/"), ("宁波国家高新区", "http://www.nbhtz.gov.cn/"),
         ("宁波经济技术开发区", "http://www.netd.gov.cn/"), ("宁波大榭开发区", "http://www.daxie.gov.cn/")]

FOOT = gov_footer("宁波保税区管理委员会", "浙ICP备05009876号", "3302000021",
                  addr="宁波保税区鸿海商贸楼", tel="0574-86821234")


def url(d, i):
    return f"/bsqxw/{d.replace('-', '')}/{i}.jhtml"


def cn(d):
    y, m, dd = d.split("-")
    return f"{y}年{m}月{dd}日"


def cut(t, n=16):
    return t if len(t) <= n else t[:n] + "…"


def head(title):
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{esc(title)}</title>
<link href="/r/cms/www/red/css/style.css" rel="stylesheet" type="text/css" />
<script src="/r/cms/jquery.js" type="text/javascript"></script>
</head>
<body>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/r/cms/www/red/img/top.jpg" width="980" height="130" alt="{ZONE}" /></td></tr></table>
{menu(MENU, cls="menu")}
"""


def tail(js=""):
    return f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>{friend_links(LOCAL, mode="inline")}</td></tr></table>
{FOOT}
{js}
</body>
</html>
"""


def list_page(site):
    trs = "\n".join(f"""<tr>
<td width="12" class="dot"><img src="/r/cms/www/red/img/dot.gif" /></td>
<td class="bt"><a href="{url(d, i)}" target="_blank" title="{esc(t)}">{esc(cut(t))}</a></td>
<td width="120" class="rq">{cn(d)}</td>
</tr>""" for d, hm, i, t in ROWS)
    tz = [(t, f"/tzgg/{d.replace('-', '')}/{i}.jhtml") for d, i, t in [
        ("2022-10-10", 12337, "关于2022年国庆节后复工企业开展安全检查的通知"),
        ("2022-09-29", 12305, "宁波保税区2022年国庆节放假安排"),
        ("2022-09-23", 12271, "宁波保税区管委会公开招聘编外人员公告"),
        ("2022-09-16", 12233, "关于申报2022年度外经贸发展专项资金的通知"),
        ("2022-09-08", 12190, "宁波保税区部分道路施工期间交通组织公告")]]
    js = f"""<script type="text/javascript">
$.ajax({{
  url: '/api/news.jsp?channelId=12&page=1',
  dataType: 'jsonp', jsonp: 'callback', jsonpCallback: '{CB}',
  success: function (res) {{
    var h = '';
    $.each(res.obj.rows, function (i, r) {{ h += '<li><a href="' + r.linkurl + '" target="_blank">' + r.title + '</a></li>'; }});
    $('#gdxw').html(h);
  }}
}});
</script>"""
    body = f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="gdxw"><b>滚动新闻：</b><marquee scrollamount="3"><ul id="gdxw"></ul></marquee></td></tr>
<tr><td width="250" valign="top">
<div class="lm"><h3>新闻中心</h3><a href="/bsqxw/index.jhtml">保税区新闻</a><a href="/tzgg/index.jhtml">通知公告</a><a href="/mtjj/index.jhtml">媒体聚焦</a></div>
{sidebar("通知公告", tz, cls="tzgg", more="/tzgg/index.jhtml")}
</td>
<td width="730" valign="top">
<div class="wz">您现在的位置：<a href="/">首页</a> &gt; <a href="/bsqxw/index.jhtml">新闻中心</a> &gt; 保税区新闻</div>
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="listtable">
{trs}
</table>
<div class="pagination">共97条 1/7页 <a href="index.jhtml">首页</a> <a href="javascript:void(0)">上一页</a> <a href="index_2.jhtml">下一页</a> <a href="index_7.jhtml">尾页</a></div>
</td></tr>
</table>
"""
    site.add("/bsqxw/index.jhtml", "bsqxw/index.jhtml", "list", head(f"保税区新闻 - {ZONE}") + body + tail(js), {
        "items": [{"title": t, "link": url(d, i), "date": cn(d)} for d, hm, i, t in ROWS],
        "next_page": "/bsqxw/index_2.jhtml",
        "notes": "GB2312, header without charset; one <tr> per item (dot image / cut title / date); titles cut to "
                 "16 chars + '…', full title only in title=; dates 2022年10月11日; the 通知公告 sidebar (5 items) "
                 "is not the list; the 滚动新闻 ticker is filled by JSONP",
    }, CT, ENC)


def article(site, d, hm, i, t):
    src, editor, ps = ARTICLES[i]
    body = f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="article">
<tr><td class="wz">您现在的位置：<a href="/">首页</a> &gt; <a href="/bsqxw/index.jhtml">保税区新闻</a> &gt; 正文</td></tr>
<tr><td class="title" align="center"><h1>{esc(t)}</h1></td></tr>
<tr><td class="info" align="center">发布时间：{d} {hm}&nbsp;&nbsp;信息来源：{esc(src)}&nbsp;&nbsp;【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</td></tr>
<tr><td class="content" id="fontzoom">
{paras(ps, style="indent")}
</td></tr>
<tr><td class="bj" align="right">编辑：{editor}</td></tr>
<tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>
"""
    site.add(url(d, i), url(d, i).lstrip("/"), "article", head(f"{t} - {ZONE}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": [f"编辑：{editor}", "打印本页", "关闭窗口", "信息来源：", "字体："],
        "notes": "发布时间 with seconds; source after 信息来源：",
    }, CT, ENC)


def api(site):
    recs = [{"id": str(i), "title": t, "shortTitle": cut(t), "linkurl": url(d, i), "pubdate": d,
             "source": ARTICLES[i][0] if i in ARTICLES else ZONE, "hits": 300 + n * 7}
            for n, (d, hm, i, t) in enumerate(ROWS[:8])]
    doc = {"success": True, "msg": "", "obj": {"total": 97, "page": 1, "rows": recs}}
    s = f"{CB}({json.dumps(doc, ensure_ascii=False)});"
    site.add(f"/api/news.jsp?channelId=12&page=1&callback={CB}", "api/news_12_p1.js", "json", s, {
        "array_path": "obj.rows",
        "items": [{"title": t, "link": url(d, i), "date": d} for d, hm, i, t in ROWS[:8]],
        "jsonp": True,
        "notes": f"JSONP wrapped in {CB}(...); served as application/javascript in UTF-8 although the HTML is GB2312; "
                 "link = linkurl (root-relative); pubdate is day only; shortTitle is the cut title, title the full one",
    }, "application/javascript;charset=UTF-8")


def build():
    site = Site("a08-gb2312-ningbo-ftz", "JEECMS-style table list (GB2312) + JSONP")
    list_page(site)
    for d, hm, i, t in ROWS:
        if i in ARTICLES:
            article(site, d, hm, i, t)
    api(site)
    return site.write()


if __name__ == "__main__":
    run(build)
