#!/usr/bin/env python3
"""Builder for blind sites c01..c06 (helper C). Run: python3 build_sites_c.py"""
import json, os, re, html, datetime

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sites")
AUTH = "helper C (blind)"

def write(site, rel, text, enc="utf-8"):
    p = os.path.join(ROOT, site, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(text.encode(enc))

def save_site(site, style, pages):
    d = {"site": site, "style": style, "written": "blind", "author": AUTH, "pages": pages}
    write(site, "site.json", json.dumps(d, ensure_ascii=False, indent=2) + "\n")

def paras_html(ps, indent=False):
    st = ' style="text-indent:2em;"' if indent else ''
    return "\n".join('<p%s>%s</p>' % (st, html.escape(p, quote=False)) for p in ps)

def art_label(title, published, source, ps, not_in):
    return {"title": title, "published": published, "source": source,
            "body_starts": ps[0][:22], "body_ends": ps[-1][-22:], "not_in_body": not_in}

def cut(t, n):
    return t if len(t) <= n else t[:n] + "..."

# ---------------------------------------------------------------- c01
def c01():
    S = "c01-trs-hefei-hitech"
    items = [
        ("合肥高新区与中国科大签署共建量子信息未来产业科技园合作协议", "./202405/t20240511_17512345.html", "2024-05-11"),
        ("高新区召开2024年二季度招商引资项目集中签约大会 16个项目总投资超百亿元", "./202405/t20240508_17509876.html", "2024-05-08"),
        ("区领导带队赴长三角开展“双招双引”专题招商活动", "./202405/t20240506_17504412.html", "2024-05-06"),
        ("合肥高新区12个重点项目集中开工 总投资86.5亿元", "./202404/t20240429_17489033.html", "2024-04-29"),
        ("高新区举办优化营商环境政企恳谈会", "./202404/t20240425_17481150.html", "2024-04-25"),
        ("科大讯飞星火认知大模型产业创新中心揭牌运营", "./202404/t20240422_17472896.html", "2024-04-22"),
        ("高新区出台支持人工智能产业高质量发展若干政策", "./202404/t20240418_17465521.html", "2024-04-18"),
        ("合肥高新区获评2023年度安徽省营商环境评价优秀开发区", "./202404/t20240415_17458847.html", "2024-04-15"),
        ("区经贸局组织企业参加第二十届中国（合肥）国际汽车零部件博览会", "./202404/t20240410_17450093.html", "2024-04-10"),
        ("高新区“科里科气”科创沙龙第十二期成功举办", "./202404/t20240403_17437765.html", "2024-04-03"),
        ("合肥高新区一季度规上工业增加值同比增长12.3%", "./202403/t20240328_17426604.html", "2024-03-28"),
        ("高新区开展2024年安全生产月暨重点企业安全隐患排查专项行动", "./202403/t20240325_17419982.html", "2024-03-25"),
    ]
    nav = '''<div class="nav"><ul>
<li><a href="/">首页</a></li>
<li><a href="/gxgk/index.html">高新概况</a></li>
<li><a href="/xwdt/index.html">新闻动态</a></li>
<li><a href="/tzgg/index.html">通知公告</a></li>
<li><a href="/zwgk/index.html">政务公开</a></li>
<li><a href="/tzhf/index.html">投资合肥高新</a></li>
<li><a href="/bsfw/index.html">办事服务</a></li>
<li><a href="/hdjl/index.html">互动交流</a></li>
</ul></div>'''
    head = lambda t: '''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>%s</title>
<meta name="SiteName" content="合肥高新技术产业开发区">
<meta name="SiteDomain" content="hefei.gov.cn">
<meta name="SiteIDCode" content="3401000059">
<link rel="stylesheet" href="/images/common.css">
<script src="/images/jquery-1.11.3.min.js"></script>
</head>
<body>
<div class="top"><div class="w1200"><span class="fl">欢迎访问合肥高新技术产业开发区管理委员会网站</span><span class="fr"><a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a> | <a href="/wza/index.html">无障碍</a> | <a href="/english/">English</a></span></div></div>
<div class="header w1200"><a href="/"><img src="/images/logo.png" alt="合肥高新技术产业开发区"></a>
<div class="search"><form action="/was5/web/search" method="get" target="_blank"><input name="searchword" type="text" placeholder="请输入关键字"><input type="submit" value="搜索"></form></div></div>
''' % t
    foot = '''<div class="footer"><div class="w1200">
<p>主办：合肥高新技术产业开发区管理委员会 &nbsp; 地址：合肥市高新区望江西路860号</p>
<p>网站标识码：3401000059 &nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">皖ICP备05001254号</a> &nbsp; <img src="/images/ga.png">皖公网安备 34019202000123号</p>
<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=0B1A2C3D" target="_blank"><img src="/images/dzjg.png" alt="党政机关"></a> <script id="_jiucuo_" sitecode="3401000059" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></p>
</div></div>
</body>
</html>
'''
    # list page
    lis = "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>' % (l, html.escape(t), html.escape(cut(t, 26)), d) for t, l, d in items)
    lst = head("新闻动态_合肥高新技术产业开发区") + nav + '''
<div class="w1200 main">
<div class="position">当前位置：<a href="../">首页</a> &gt; <a href="./">新闻动态</a></div>
<div class="left fl">
<div class="lm-tit">新闻动态</div>
<ul class="lm-nav">
<li class="on"><a href="/xwdt/index.html">高新要闻</a></li>
<li><a href="/xwdt/bmdt/index.html">部门动态</a></li>
<li><a href="/xwdt/mtjj/index.html">媒体聚焦</a></li>
<li><a href="/tzgg/index.html">通知公告</a></li>
</ul>
</div>
<div class="right fr">
<div class="lm-title"><span>高新要闻</span></div>
<ul class="doc_list">
''' + lis + '''
</ul>
<div class="page">
<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){ return; }
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0)
		document.write("<span>首页</span>&nbsp;<span>上一页</span>&nbsp;");
	else if(nCurrIndex == 1)
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;<a href=\\""+_sPageName+"."+_sPageExt+"\\">上一页</a>&nbsp;");
	else
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;<a href=\\""+_sPageName+"_" + (nCurrIndex-1) + "."+_sPageExt+"\\">上一页</a>&nbsp;");
	if(nCurrIndex+1 < _nPageCount)
		document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex+1) + "."+_sPageExt+"\\">下一页</a>&nbsp;<a href=\\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\\">尾页</a>");
	else
		document.write("<span>下一页</span>&nbsp;<span>尾页</span>");
	document.write("&nbsp;共" + _nPageCount + "页");
}
</script>
<script type="text/javascript">createPageHTML(5, 0, "index", "html");</script>
</div>
</div>
</div>
''' + foot
    write(S, "xwdt/index.html", lst)
    # home
    tz = [("关于开展2024年度合肥高新区企业研发费用补助申报工作的通知", "/tzgg/202405/t20240510_17511120.html", "05-10"),
          ("合肥高新区2024年第一批高层次人才认定名单公示", "/tzgg/202405/t20240507_17506630.html", "05-07"),
          ("关于征集2024年度科技型中小企业创新项目的通知", "/tzgg/202404/t20240426_17484412.html", "04-26"),
          ("合肥高新区管委会关于五一劳动节放假安排的公告", "/tzgg/202404/t20240424_17479905.html", "04-24"),
          ("关于公布2023年度区级专精特新中小企业名单的通知", "/tzgg/202404/t20240417_17462231.html", "04-17")]
    hx = "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>' % (l.replace("./", "/xwdt/"), html.escape(t), html.escape(cut(t, 22)), d[5:]) for t, l, d in items[:6])
    ht = "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>' % (l, html.escape(t), html.escape(cut(t, 22)), d) for t, l, d in tz)
    home = head("合肥高新技术产业开发区") + nav + '''
<div class="w1200 banner"><a href="/xwdt/202405/t20240511_17512345.html"><img src="/xwdt/202405/W020240511563412345678.jpg" alt="合肥高新区与中国科大签署共建量子信息未来产业科技园合作协议"></a></div>
<div class="w1200 idx-news">
<div class="box fl">
<div class="box-tit"><span class="on">高新要闻</span><a class="more" href="/xwdt/index.html">更多&gt;&gt;</a></div>
<ul class="news-list">
''' + hx + '''
</ul>
</div>
<div class="box fr">
<div class="box-tit"><span class="on">通知公告</span><a class="more" href="/tzgg/index.html">更多&gt;&gt;</a></div>
<ul class="news-list">
''' + ht + '''
</ul>
</div>
</div>
<div class="w1200 zt">
<a href="/ztzl/yshj/index.html"><img src="/images/zt_yshj.jpg" alt="优化营商环境"></a>
<a href="/ztzl/sztj/index.html"><img src="/images/zt_sztj.jpg" alt="双招双引"></a>
<a href="http://www.ahzwfw.gov.cn/" target="_blank"><img src="/images/zt_zwfw.jpg" alt="安徽政务服务网"></a>
</div>
<div class="w1200 links"><select onchange="window.open(this.value)"><option>政府网站</option><option value="http://www.gov.cn/">中国政府网</option><option value="https://www.ah.gov.cn/">安徽省人民政府</option><option value="https://www.hefei.gov.cn/">合肥市人民政府</option></select></div>
''' + foot
    write(S, "index.html", home)
    # articles
    arts = [
        (items[0][0], "xwdt/202405/t20240511_17512345.html", "2024-05-11 10:42", "合肥高新区融媒体中心",
         ["5月10日，合肥高新区管委会与中国科学技术大学在量子大街签署共建量子信息未来产业科技园合作协议，双方将围绕量子计算、量子通信、量子精密测量三大方向，共同打造具有全球影响力的量子信息产业集聚区。",
          "根据协议，双方将依托中国科大在量子信息领域的原始创新优势和高新区在产业承载、金融服务、场景开放等方面的资源优势，共建概念验证中心、中试平台和专业孵化器，推动更多科研成果在高新区就地转化。",
          "签约仪式上，高新区相关负责人表示，高新区已集聚量子企业60余家，数量居全国前列，将持续完善“基金+基地+人才”的产业培育体系，为量子企业提供全生命周期服务。",
          "中国科大相关负责人表示，学校将进一步深化与高新区的战略合作，推动人才、技术、资本等创新要素高效流动，助力合肥打造“量子中心”。"],
         ["科大讯飞星火认知大模型产业创新中心揭牌运营", "高新区召开2024年二季度招商引资项目集中签约大会", "区领导带队赴长三角开展“双招双引”专题招商活动"],
         "xwdt/202405/t20240508_17509876.html", None),
        (items[1][0], "xwdt/202405/t20240508_17509876.html", "2024-05-08 17:05", "高新区经贸局",
         ["5月7日下午，合肥高新区召开2024年二季度招商引资项目集中签约大会，现场签约项目16个，总投资达103.6亿元，涵盖集成电路、人工智能、生物医药、新能源汽车零部件等主导产业。",
          "此次签约项目呈现出体量大、质量优、带动强的特点。其中，投资超10亿元的项目4个，投资5亿元至10亿元的项目5个，一批产业链关键环节项目和“链主”配套项目成功落户。",
          "会上，区主要负责同志指出，要坚持“项目为王”，紧盯签约项目开展全流程跟踪服务，推动签约项目早落地、早开工、早投产，以高质量项目支撑高质量发展。",
          "下一步，高新区将持续深化“双招双引”工作机制，围绕产业链精准招商，为全区经济高质量发展注入强劲动能。"],
         ["合肥高新区12个重点项目集中开工 总投资86.5亿元", "高新区举办优化营商环境政企恳谈会", "高新区出台支持人工智能产业高质量发展若干政策"],
         None, "xwdt/202405/t20240511_17512345.html"),
    ]
    pages = [{"path": "/", "file": "index.html", "content_type": "text/html", "kind": "home",
              "label": {"feeds": [], "news_lists": ["/xwdt/index.html", "/tzgg/index.html"], "region_hint": "合肥市", "zone_hint": "合肥高新技术产业开发区"}},
             {"path": "/xwdt/index.html", "file": "xwdt/index.html", "content_type": "text/html", "kind": "list",
              "label": {"items": [{"title": t, "link": "/xwdt/" + l[2:], "date": d} for t, l, d in items],
                        "next_page": "/xwdt/index_1.html",
                        "notes": "TRS WCM list; titles cut to 26 chars with '...' in text, full title in title=; next page only via createPageHTML(5, 0, \"index\", \"html\") (index_1.html)."}}]
    for title, f, pt, src, ps, rel, prev, nxt in arts:
        relh = "\n".join('<li><a href="../../xwdt/%s" target="_blank">%s</a></li>' % (next(l[2:] for t, l, d in items if t.startswith(r)), r) for r in rel)
        pn = '<p>上一篇：%s</p>\n<p>下一篇：%s</p>' % (
            '<a href="../../%s">%s</a>' % (prev, items[1][0]) if prev else '没有了',
            '<a href="../../%s">%s</a>' % (nxt, items[0][0]) if nxt else '没有了')
        a = head(title + "_新闻动态_合肥高新技术产业开发区").replace('<link rel="stylesheet"', '<meta name="ArticleTitle" content="%s">\n<meta name="PubDate" content="%s">\n<meta name="ContentSource" content="%s">\n<meta name="ColumnName" content="高新要闻">\n<link rel="stylesheet"' % (html.escape(title), pt, src)) + nav + '''
<div class="w1200 main">
<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">新闻动态</a> &gt; <a href="../">高新要闻</a></div>
<div class="article">
<div class="art-title">%s</div>
<div class="art-info"><span>发布时间：%s</span><span>来源：%s</span><span>浏览次数：<script src="/was5/web/count?docid=%s"></script></span><span class="fontsize">字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span></div>
<div class="art-con" id="zoom">
<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{line-height:2;font-family:宋体;font-size:12pt;}</style>
%s
</div>
</div>
<div class="art-editor">责任编辑：王晓雯</div>
<div class="art-tool"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="art-pn">
%s
</div>
<div class="xgxw">
<div class="xgxw-tit">相关新闻</div>
<ul>
%s
</ul>
</div>
</div>
</div>
''' % (html.escape(title), pt, src, re.search(r"_(\d+)\.html", f).group(1), paras_html(ps), pn, relh) + foot
        write(S, f, a)
        ni = ["责任编辑", "上一篇", "下一篇", "相关新闻", rel[0], "打印本页"]
        pages.append({"path": "/" + f, "file": f, "content_type": "text/html", "kind": "article",
                      "label": art_label(title, pt.replace(" ", "T") + ":00+08:00", src, ps, ni)})
    save_site(S, "TRS WCM", pages)
    return S, pages

# ---------------------------------------------------------------- c02 (GBK)
def c02():
    S = "c02-gbk-table-yishui-kfq"
    base = "/news/"
    items = [
        ("沂水经济开发区召开2024年第二季度重点项目推进会", 3021, "2024-04-30"),
        ("总投资12亿元的年产5万吨功能性食品配料项目在开发区开工", 3018, "2024-04-26"),
        ("开发区与上海客商签订新能源电池精密结构件项目合作协议", 3015, "2024-04-23"),
        ("开发区开展“优化营商环境·服务企业发展”大走访活动", 3011, "2024-04-19"),
        ("县领导到经济开发区调研安全生产和项目建设工作", 3008, "2024-04-16"),
        ("开发区组织辖区企业参加临沂市春季招聘会 提供岗位1200余个", 3004, "2024-04-12"),
        ("沂水经济开发区一季度实现规上工业产值68.7亿元", 2999, "2024-04-08"),
        ("开发区召开2024年招商引资工作动员会议", 2995, "2024-04-02"),
        ("开发区污水处理厂提标改造工程顺利通过验收", 2990, "2024-03-28"),
        ("开发区扎实开展春季植树造林活动", 2986, "2024-03-22"),
        ("开发区举办2024年度企业安全生产培训班", 2981, "2024-03-18"),
    ]
    hot = [("沂水经济开发区简介", 1002), ("开发区招商引资优惠政策", 1010), ("开发区2023年工作总结", 2930),
           ("开发区领导班子成员及分工", 1005), ("开发区规划图", 1008), ("关于公布开发区企业服务热线的通告", 2877)]
    def page(title, inner):
        return '''<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>%s</title>
<link href="/css/style.css" rel="stylesheet" type="text/css">
</head>
<body leftmargin="0" topmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td><img src="/images/top_banner.jpg" width="1000" height="160" alt="沂水经济开发区"></td></tr>
  <tr><td height="36" background="/images/nav_bg.gif" class="nav">
    <a href="/">网站首页</a> | <a href="/news/NewsList.asp?BigClassID=1&amp;SmallClassID=1">开发区概况</a> | <a href="/news/NewsList.asp?BigClassID=2&amp;SmallClassID=7">园区动态</a> | <a href="/news/NewsList.asp?BigClassID=2&amp;SmallClassID=8">通知公告</a> | <a href="/news/NewsList.asp?BigClassID=3&amp;SmallClassID=11">招商引资</a> | <a href="/news/NewsList.asp?BigClassID=4&amp;SmallClassID=14">企业风采</a> | <a href="/news/NewsList.asp?BigClassID=5&amp;SmallClassID=17">政务公开</a> | <a href="/GuestBook/">在线留言</a>
  </td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="240" valign="top" class="left_bg">
      <table width="100%%" border="0" cellspacing="0" cellpadding="0">
        <tr><td height="32" background="/images/left_title.gif" class="left_title">&nbsp;&nbsp;热点排行</td></tr>
        <tr><td>
%s
        </td></tr>
        <tr><td height="32" background="/images/left_title.gif" class="left_title">&nbsp;&nbsp;联系我们</td></tr>
        <tr><td class="lxwm">地址：山东省临沂市沂水县城东外环路<br>电话：0539-2251366<br>邮编：276400</td></tr>
      </table>
    </td>
    <td width="10">&nbsp;</td>
    <td valign="top">
%s
    </td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
  <tr><td align="center" height="80">版权所有：沂水经济开发区管理委员会 &nbsp;地址：沂水县城东外环路 &nbsp;电话：0539-2251366<br><a href="https://beian.miit.gov.cn/" target="_blank">鲁ICP备09025873号</a> &nbsp;技术支持：沂水县信息中心</td></tr>
</table>
</body>
</html>
''' % (title, hotbox, inner)
    hotbox = '<table width="92%" border="0" align="center" cellpadding="0" cellspacing="0">\n' + "\n".join(
        '<tr><td height="24" class="hot">%d.&nbsp;<a href="NewsShow.asp?id=%d" target="_blank">%s</a></td></tr>' % (i + 1, n, t) for i, (t, n) in enumerate(hot)) + '\n</table>'
    rows = "\n".join('''<tr>
  <td width="20" height="28" align="center"><img src="/images/dot.gif" width="5" height="5"></td>
  <td class="list_title"><a href="NewsShow.asp?id=%d" target="_blank">%s</a></td>
  <td width="100" align="right" class="list_date">[%s]</td>
</tr>
<tr><td colspan="3" height="1" background="/images/line.gif"></td></tr>''' % (n, t, d) for t, n, d in items)
    inner = '''<table width="100%%" border="0" cellspacing="0" cellpadding="0">
  <tr><td height="32" background="/images/right_title.gif" class="right_title">&nbsp;&nbsp;园区动态 <span class="wz">您现在的位置：<a href="/">首页</a> &gt;&gt; 园区动态</span></td></tr>
  <tr><td valign="top">
<table width="96%%" border="0" align="center" cellpadding="0" cellspacing="0">
%s
</table>
<table width="96%%" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="40" align="center">共 <b>126</b> 条记录&nbsp; 首页 上一页 <a href="NewsList.asp?BigClassID=2&amp;SmallClassID=7&amp;page=2">下一页</a> <a href="NewsList.asp?BigClassID=2&amp;SmallClassID=7&amp;page=12">尾页</a>&nbsp; 页次：<b>1</b>/12页 &nbsp;<b>11</b>条记录/页</td></tr>
</table>
  </td></tr>
</table>''' % rows
    write(S, "news/NewsList_7.html", page("园区动态-沂水经济开发区", inner), "gbk")
    pages = [{"path": "/news/NewsList.asp?BigClassID=2&SmallClassID=7", "file": "news/NewsList_7.html", "content_type": "text/html", "kind": "list",
              "label": {"items": [{"title": t, "link": "/news/NewsShow.asp?id=%d" % n, "date": d} for t, n, d in items],
                        "next_page": "/news/NewsList.asp?BigClassID=2&SmallClassID=7&page=2",
                        "notes": "GBK bytes (meta charset=gbk, header without charset). Old ASP table layout; dates shown as [2024-04-30]. 热点排行 sidebar (also links NewsShow.asp) is NOT part of the list."}}]
    arts = [
        (items[0], "2024-4-30 16:21:08", "开发区党政办",
         ["4月29日下午，沂水经济开发区召开2024年第二季度重点项目推进会，听取各重点项目建设进展情况汇报，分析存在的困难和问题，安排部署下一阶段工作。",
          "会上，开发区项目办通报了一季度重点项目建设情况。今年以来，开发区共实施重点项目27个，总投资156亿元，其中新开工项目9个，续建项目14个，竣工投产项目4个。",
          "会议要求，各责任单位要进一步压实工作责任，严格落实项目包保责任制，对照时间节点倒排工期、挂图作战，全力推动项目早竣工、早投产、早见效。",
          "会议强调，要持续优化营商环境，强化要素保障，切实帮助企业解决用地、用工、融资等方面的实际困难，确保全年目标任务圆满完成。"]),
        (items[1], "2024-4-26 10:05:33", "沂水县融媒体中心",
         ["4月25日上午，总投资12亿元的年产5万吨功能性食品配料项目在沂水经济开发区举行开工仪式，标志着该项目进入全面建设阶段。",
          "该项目由山东某生物科技有限公司投资建设，占地约180亩，主要建设生产车间、研发中心、仓储物流中心及配套设施，引进国内先进的自动化生产线。",
          "项目全部建成投产后，预计可实现年销售收入15亿元，利税2亿元，新增就业岗位500余个，将进一步延伸开发区食品加工产业链条，提升产业集聚度。",
          "开发区将成立项目服务专班，实行全程代办服务，在手续办理、施工建设等方面提供全方位保障，推动项目早日建成投产。"]),
    ]
    for (t, n, d), pt, src, ps in arts:
        body = "\n".join('<p style="text-indent:2em">%s</p>' % p for p in ps)
        inner = '''<table width="100%%" border="0" cellspacing="0" cellpadding="0">
  <tr><td height="32" background="/images/right_title.gif" class="right_title">&nbsp;&nbsp;园区动态 <span class="wz">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="NewsList.asp?BigClassID=2&amp;SmallClassID=7">园区动态</a> &gt;&gt; 正文</span></td></tr>
  <tr><td>
<table width="94%%" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td height="50" align="center" class="news_title"><strong>%s</strong></td></tr>
  <tr><td height="28" align="center" class="news_info">发布时间：%s &nbsp;&nbsp;信息来源：%s &nbsp;&nbsp;作者：admin &nbsp;&nbsp;点击数：<font color="red">386</font></td></tr>
  <tr><td height="1" bgcolor="#cccccc"></td></tr>
  <tr><td class="news_content" valign="top">
%s
  </td></tr>
  <tr><td height="40" align="right">【<a href="javascript:window.print()">打印此页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  <tr><td class="sxp">上一条：<a href="NewsShow.asp?id=%d">%s</a><br>下一条：%s</td></tr>
</table>
  </td></tr>
</table>''' % (t, pt, src, body, items[items.index((t, n, d)) + 1][1], items[items.index((t, n, d)) + 1][0],
               '没有了' if n == 3021 else '<a href="NewsShow.asp?id=3021">%s</a>' % items[0][0])
        f = "news/NewsShow_%d.html" % n
        write(S, f, page(t + "-沂水经济开发区", inner), "gbk")
        y, mo, dd = re.match(r"(\d+)-(\d+)-(\d+)", pt).groups()
        iso = "%s-%02d-%02dT%s+08:00" % (y, int(mo), int(dd), pt.split(" ")[1])
        pages.append({"path": "/news/NewsShow.asp?id=%d" % n, "file": f, "content_type": "text/html", "kind": "article",
                      "label": art_label(t, iso, src, ps, ["打印此页", "关闭窗口", "上一条", "下一条", "热点排行", "沂水经济开发区简介", "点击数"])})
    save_site(S, "old ASP table layout (GBK)", pages)
    return S, pages

# ---------------------------------------------------------------- c03
def c03():
    S = "c03-hanweb-changzhou-datelink"
    items = [
        ("常州高新区（新北区）举行2024年一季度重大项目集中签约活动", "/art/2024/3/8/art_45371_2891234.html", "2024-03-08"),
        ("新北区召开优化营商环境工作推进会", "/art/2024/3/6/art_45371_2889120.html", "2024-03-06"),
        ("常州高新区发布支持新能源产业高质量发展十条措施", "/art/2024/3/5/art_45371_2887765.html", "2024-03-05"),
        ("总投资45亿元 新北区8个新能源项目集中开工", "/art/2024/3/1/art_45371_2884410.html", "2024-03-01"),
        ("常州高新区赴深圳开展新一代信息技术产业专题招商", "/art/2024/2/28/art_45371_2881903.html", "2024-02-28"),
        ("滨江经济开发区新材料产业园二期项目开工建设", "/art/2024/2/26/art_45371_2879356.html", "2024-02-26"),
        ("常州综合保税区1至2月进出口总额同比增长21.6%", "/art/2024/2/23/art_45371_2876208.html", "2024-02-23"),
        ("新北区召开2024年“新春第一会”暨高质量发展大会", "/art/2024/2/19/art_45371_2871547.html", "2024-02-19"),
        ("常州高新区入选2023年度国家知识产权强县建设示范县（区）", "/art/2024/2/7/art_45371_2866012.html", "2024-02-07"),
        ("新北区举办2024年春风行动专场招聘会", "/art/2024/2/2/art_45371_2861178.html", "2024-02-02"),
    ]
    side = [("常州高新区2023年国民经济和社会发展统计公报", "/art/2024/2/20/art_45380_2873390.html"),
            ("新北区政府工作报告（2024年）", "/art/2024/1/25/art_45380_2853301.html"),
            ("常州高新区产业扶持政策汇编", "/col/col45392/index.html"),
            ("龙虎塘街道：“网格+”激活基层治理新动能", "/art/2024/3/4/art_45375_2886001.html")]
    def shell(title, metas, inner):
        return '''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>%s</title>
<meta name="SiteName" content="常州国家高新区（新北区）">
<meta name="SiteDomain" content="www.cznd.gov.cn">
<meta name="SiteIDCode" content="3204110001">
%s<link rel="stylesheet" href="/module/jslib/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="/images/2023/css/style.css">
</head>
<body>
<div class="header"><div class="container"><a class="logo" href="/"><img src="/images/2023/logo.png" alt="常州国家高新区（新北区）"></a>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/col/col45370/index.html">新闻中心</a></li><li><a href="/col/col45380/index.html">政务公开</a></li><li><a href="/col/col45390/index.html">投资高新</a></li><li><a href="/col/col45400/index.html">政务服务</a></li><li><a href="/col/col45410/index.html">政民互动</a></li></ul></div></div>
<div class="container main">
%s
</div>
<div class="footer"><p>主办单位：常州国家高新区（新北区）管委会（人民政府）办公室 &nbsp; 地址：常州市新北区锦绣路2号</p><p><a href="https://beian.miit.gov.cn" target="_blank">苏ICP备05008960号</a> &nbsp; 政府网站标识码：3204110001</p><p><span id="_ideConac"></span><script type="text/javascript" src="https://dcs.conac.cn/js/10/000/0000/60412345/CA100000000000000000.js"></script></p></div>
<script type="text/javascript" src="/module/visitcount/visit.jsp?type=1&amp;i_webid=1&amp;i_columnid=45371"></script>
</body>
</html>
''' % (title, metas, inner)
    sideh = '''<div class="col-md-3 side">
<div class="side-box"><div class="side-tit">推荐阅读</div>
<ul>
%s
</ul></div>
<div class="side-box"><div class="side-tit">专题专栏</div><a href="/col/col47001/index.html"><img src="/images/2023/zt_yshj.jpg" alt="营商环境"></a></div>
</div>''' % "\n".join('<li><a href="%s" target="_blank">%s</a></li>' % (l, t) for t, l in side)
    inner = '''<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col45370/index.html">新闻中心</a> &gt; <a href="/col/col45371/index.html">高新要闻</a></div>
<div class="row">
<div class="col-md-9">
<div class="lm-title">高新要闻</div>
<div class="list-box" id="45371">
'''+'''<ul class="list-ul">
''' + "\n".join('<li><a href="%s" target="_blank">%s（%s）</a></li>' % (l, t, d) for t, l, d in items) + '''
</ul>
<div class="pager"><a href="/col/col45371/index.html?uid=128356&amp;pageNum=2">下一页</a> <span>共31页</span></div>
</div>
</div>
''' + sideh + '''
</div>'''
    write(S, "col/col45371/index.html", shell("高新要闻 常州国家高新区（新北区）", '<meta name="ColumnName" content="高新要闻">\n<meta name="ColumnType" content="信息列表">\n', inner))
    pages = [{"path": "/col/col45371/index.html", "file": "col/col45371/index.html", "content_type": "text/html;charset=UTF-8", "kind": "list",
              "label": {"items": [{"title": t, "link": l, "date": d} for t, l, d in items],
                        "next_page": "/col/col45371/index.html?uid=128356&pageNum=2",
                        "notes": "Hanweb-style; each item's date is inside the <a> text at the end as （2024-03-08） (full-width parentheses), no title attribute: the title must be stripped of it. 推荐阅读 sidebar is not part of the list."}}]
    arts = [
        (items[0], "2024-03-08 09:15", "常州日报",
         ["3月7日，常州高新区（新北区）举行2024年一季度重大项目集中签约活动，共签约项目22个，计划总投资达216亿元，涉及新能源、新材料、生物医药、高端装备等领域。",
          "本次签约项目中，超10亿元项目7个，外资项目5个，实际使用外资约3.2亿美元。其中，一批储能电池、光伏组件、汽车电子项目将进一步强链补链，推动新能源产业集群能级提升。",
          "活动现场，区主要领导表示，新北区将以最优的服务、最好的环境、最大的诚意，全力支持签约企业在新北扎根发展、做大做强，真正实现企业与区域的互利共赢。",
          "据悉，今年以来，常州高新区持续开展“招商引资攻坚年”活动，组建专业招商小分队赴长三角、珠三角、京津冀等地开展精准招商，招引质效稳步提升。"]),
        (items[1], "2024-03-06 17:40", "新北区发改局",
         ["3月5日下午，新北区召开优化营商环境工作推进会，总结2023年营商环境建设成效，部署2024年重点任务，进一步擦亮“新北办事不求人”服务品牌。",
          "2023年，新北区出台优化营商环境“30条”，企业开办实现“1个环节、0.5个工作日、0费用”，工程建设项目审批时间压缩至最长40个工作日，政务服务事项网办率达98%。",
          "会议指出，营商环境只有更好、没有最好。各部门要聚焦企业全生命周期需求，深化“一件事”集成改革，健全涉企问题快速响应机制，让企业办事更便捷、更省心。",
          "会议还对2024年优化营商环境重点任务清单进行了分解落实，明确了责任单位和完成时限，要求以钉钉子精神抓好落实。"]),
    ]
    for (t, l, d), pt, src, ps in arts:
        metas = '<meta name="ColumnName" content="高新要闻">\n<meta name="ColumnType" content="新闻">\n<meta name="ArticleTitle" content="%s">\n<meta name="PubDate" content="%s">\n<meta name="ContentSource" content="%s">\n<meta name="Keywords" content="">\n<meta name="Author" content="">\n<meta name="Description" content="%s">\n<meta name="Url" content="%s">\n' % (t, pt, src, ps[0][:60], l)
        inner = '''<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col45370/index.html">新闻中心</a> &gt; <a href="/col/col45371/index.html">高新要闻</a></div>
<div class="row">
<div class="col-md-9">
<div class="article">
<h1 class="title">%s</h1>
<div class="info">字体：[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>] &nbsp; 浏览次数：<span id="c"></span></div>
<div id="zoom">
<!--<$[信息内容]>begin-->%s<!--<$[信息内容]>end-->
</div>
<div class="share">分享到：<a href="javascript:;" class="wx">微信</a> <a href="javascript:;" class="wb">微博</a></div>
</div>
</div>
%s
</div>''' % (t, paras_html(ps, True), sideh)
        f = l.lstrip("/")
        write(S, f, shell(t + " 高新要闻 常州国家高新区（新北区）", metas, inner))
        pages.append({"path": l, "file": f, "content_type": "text/html;charset=UTF-8", "kind": "article",
                      "label": art_label(t, pt.replace(" ", "T") + ":00+08:00", src, ps, ["推荐阅读", side[0][0], "分享到", "浏览次数", "专题专栏"])})
    pages[-2]["label"]["notes"] = "published/source only in <meta name=PubDate>/<meta name=ContentSource>; no visible date line."
    pages[-1]["label"]["notes"] = pages[-2]["label"]["notes"]
    save_site(S, "Hanweb 大汉", pages)
    return S, pages

# ---------------------------------------------------------------- c04
def ms(s):
    dt = datetime.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    return int(dt.timestamp() * 1000)

def c04():
    S = "c04-spa-cards-chengdu-hitech"
    items = [
        (10482, "成都高新区2024年第二批重大项目集中签约 总投资超320亿元", "2024-06-12 16:20:00", "此次签约项目共18个，涵盖集成电路、生物医药、新型显示等主导产业，其中外资项目4个。"),
        (10477, "成都高新区举行重点项目集中开工仪式 14个项目同步开工", "2024-06-07 10:05:00", "本次集中开工项目总投资186亿元，涉及产业化、基础设施和民生保障等类别。"),
        (10471, "成都高新区发布新一轮营商环境改革举措 推出6方面32条措施", "2024-06-04 15:30:00", "新举措聚焦市场准入、要素保障、政务服务等方面，进一步降低企业制度性交易成本。"),
        (10466, "成都高新区赴新加坡开展经贸交流和投资促进活动", "2024-05-30 09:00:00", "代表团先后拜访多家跨国企业和商协会，推介成都高新区投资环境和产业机会。"),
        (10459, "京东方成都第8.6代AMOLED生产线项目主厂房封顶", "2024-05-27 18:10:00", "项目总投资630亿元，是国内首条高世代AMOLED生产线，预计2026年量产。"),
        (10453, "成都高新区生物医药产业“链长制”工作推进会召开", "2024-05-23 14:00:00", "会议研究部署生物医药产业建圈强链重点工作，推动产业链上下游协同发展。"),
        (10448, "成都高新区前4个月新设经营主体同比增长18.6%", "2024-05-20 11:20:00", "今年1至4月，成都高新区新设各类经营主体2.3万户，经营主体活力持续增强。"),
        (10442, "第十二届中国（成都）国际软件合作博览会在成都高新区开幕", "2024-05-16 09:30:00", "本届软博会以“数智赋能·软件定义未来”为主题，吸引500余家企业参展。"),
        (10437, "成都高新区举办2024年“蓉漂”人才日专场招聘活动", "2024-05-11 10:00:00", "活动共吸引120余家重点企业参与，提供岗位3500余个，现场达成就业意向860人次。"),
        (10431, "成都高新区出台支持人工智能大模型产业发展若干政策", "2024-05-08 16:45:00", "政策从算力供给、数据开放、场景应用等方面给予支持，最高奖励2000万元。"),
    ]
    cards = "\n".join('''<a class="card" href="/news/detail/%d" data-v-3f1c2a7e>
<div class="date" data-v-3f1c2a7e><b data-v-3f1c2a7e>%s</b>%s</div>
<div class="card-body" data-v-3f1c2a7e><h4 data-v-3f1c2a7e>%s</h4><p data-v-3f1c2a7e>%s</p></div>
</a>''' % (i, pt[8:10], pt[:7], t, html.escape(s)) for i, t, pt, s in items)
    head = lambda t: '''<!DOCTYPE html>
<html lang="zh-CN" data-n-head-ssr>
<head>
<title>%s</title>
<meta data-n-head="ssr" charset="utf-8">
<meta data-n-head="ssr" name="viewport" content="width=device-width, initial-scale=1">
<link rel="preload" href="/_nuxt/app.8c1d2f4.js" as="script">
<link rel="stylesheet" href="/_nuxt/css/app.5a7b9e1.css">
</head>
<body>
<div data-server-rendered="true" id="__nuxt"><div id="__layout"><div class="page" data-v-7a1b2c3d>
<header class="hd" data-v-7a1b2c3d><a href="/" class="logo" data-v-7a1b2c3d><img src="/_nuxt/img/logo.2b3c4d5.png" alt="成都高新技术产业开发区" data-v-7a1b2c3d></a>
<nav data-v-7a1b2c3d><a href="/" class="nuxt-link-active">首页</a><a href="/news/list?type=1" class="nuxt-link-exact-active">高新新闻</a><a href="/news/list?type=2">通知公告</a><a href="/invest">投资高新</a><a href="/service">企业服务</a><a href="/about">走进高新</a></nav></header>
''' % t
    foot = '''<footer class="ft" data-v-7a1b2c3d><p>主办单位：成都高新技术产业开发区管理委员会 &nbsp; 地址：成都市高新区天府大道北段1700号</p><p><a href="https://beian.miit.gov.cn" target="_blank" rel="noopener">蜀ICP备06004563号-1</a> &nbsp; 网站标识码：5101000039</p></footer>
</div></div></div>
<script>window.__NUXT__={layout:"default",data:[{}],fetch:{},error:null,serverRendered:true,routePath:"%s",config:{apiBase:"/api"}};</script>
<script src="/_nuxt/runtime.1a2b3c4.js" defer></script><script src="/_nuxt/app.8c1d2f4.js" defer></script>
</body>
</html>
'''
    lst = head("高新新闻 - 成都高新技术产业开发区") + '''<main class="news-list" data-v-3f1c2a7e>
<div class="crumb" data-v-3f1c2a7e><a href="/">首页</a> / <span>高新新闻</span></div>
<div class="tabs" data-v-3f1c2a7e><a href="/news/list?type=1" class="active" data-v-3f1c2a7e>高新要闻</a><a href="/news/list?type=2" data-v-3f1c2a7e>通知公告</a><a href="/news/list?type=3" data-v-3f1c2a7e>媒体聚焦</a></div>
<div class="cards" data-v-3f1c2a7e>
''' + cards + '''
</div>
<div class="el-pagination" data-v-3f1c2a7e><button type="button" disabled="disabled" class="btn-prev">上一页</button><ul class="el-pager"><li class="number active">1</li><li class="number">2</li><li class="number">3</li><li class="more">…</li><li class="number">48</li></ul><button type="button" class="btn-next">下一页</button></div>
</main>
''' + foot % "/news/list"
    write(S, "news/list_type1.html", lst)
    api = {"code": 200, "msg": "操作成功", "data": {"total": 476, "size": 10, "current": 1, "pages": 48, "records": [
        {"id": i, "title": t, "summary": s, "url": "/news/detail/%d" % i, "coverImg": "/upload/news/2024/%d.jpg" % i if n % 3 == 0 else "",
         "publishTime": ms(pt), "source": "成都高新区", "category": "高新要闻", "viewCount": 1200 - n * 37} for n, (i, t, pt, s) in enumerate(items)]}}
    write(S, "api/news_page1.json", json.dumps(api, ensure_ascii=False, separators=(",", ":")))
    pages = [{"path": "/news/list?type=1", "file": "news/list_type1.html", "content_type": "text/html; charset=utf-8", "kind": "list",
              "label": {"items": [{"title": t, "link": "/news/detail/%d" % i, "date": pt[:10]} for i, t, pt, s in items],
                        "next_page": None,
                        "notes": "Nuxt SSR cards <a class=card>; date split as <b>12</b>2024-06 (day, then year-month). Pagination is buttons without links (client-side, uses /api/news?page=N)."}},
             {"path": "/api/news?page=1&size=10&type=1", "file": "api/news_page1.json", "content_type": "application/json", "kind": "json",
              "label": {"array_path": "data.records", "items": [{"title": t, "link": "/news/detail/%d" % i, "date": pt.replace(" ", "T") + "+08:00"} for i, t, pt, s in items], "jsonp": False,
                        "notes": "publishTime is epoch milliseconds (UTC epoch of the +08:00 time)."}}]
    arts = [
        (items[0], "成都高新区投资促进局",
         ["6月12日，成都高新区举行2024年第二批重大项目集中签约活动，共签约重大项目18个，协议总投资超320亿元，涵盖集成电路、生物医药、新型显示、人工智能等主导产业。",
          "此次签约项目中，产业化项目占比超过八成，外资项目4个，世界500强及行业领军企业投资项目7个。其中，某半导体封测基地项目投资达68亿元，将进一步补齐集成电路产业链封测环节。",
          "成都高新区有关负责人表示，将坚持“项目为王、服务至上”，建立签约项目全周期服务机制，推动项目早开工、早建设、早投产，为建设世界领先科技园区提供坚实支撑。",
          "今年以来，成都高新区已累计引进重大项目45个，协议总投资超过860亿元，招商引资工作实现“双过半”目标。"]),
        (items[1], "成都高新区党群工作部",
         ["6月7日，成都高新区举行2024年二季度重点项目集中开工仪式，14个重点项目同步开工，总投资186亿元，涉及产业化、基础设施和民生保障等多个类别。",
          "本次开工的项目中，产业化项目8个，总投资127亿元，主要集中在电子信息、生物医药和数字经济领域；基础设施项目4个，将进一步完善片区路网和市政配套；民生项目2个，包括学校和社区综合体。",
          "成都高新区相关部门将持续深化“拿地即开工”审批改革，强化用地、资金、用能等要素保障，全力推动项目建设提速增效。"]),
    ]
    ids = [x[0] for x in items]
    for (i, t, pt, s), src, ps in arts:
        a = head(t + " - 成都高新技术产业开发区") + '''<main class="detail" data-v-5e6f7a8b>
<div class="crumb" data-v-5e6f7a8b><a href="/">首页</a> / <a href="/news/list?type=1">高新新闻</a> / <span>正文</span></div>
<article data-v-5e6f7a8b>
<h1 class="detail-title" data-v-5e6f7a8b>%s</h1>
<div class="detail-meta" data-v-5e6f7a8b><span data-v-5e6f7a8b>发布时间：%s</span><span data-v-5e6f7a8b>来源：%s</span><span data-v-5e6f7a8b>阅读量：%d</span></div>
<div class="detail-content ql-editor" data-v-5e6f7a8b>
%s
</div>
<div class="detail-ops" data-v-5e6f7a8b><span>分享：</span><a href="javascript:;">微信</a><a href="javascript:;">微博</a><a href="javascript:window.print()">打印</a></div>
<div class="detail-nav" data-v-5e6f7a8b><p>上一篇：<a href="/news/detail/%d">%s</a></p><p>下一篇：%s</p></div>
</article>
<aside class="hot" data-v-5e6f7a8b><h3>热门阅读</h3><ul><li><a href="/news/detail/10459">%s</a></li><li><a href="/news/detail/10442">%s</a></li></ul></aside>
</main>
''' % (t, pt[:16], src, 3000 - i % 100, paras_html(ps), ids[ids.index(i) + 1], items[ids.index(i) + 1][1],
       '没有了' if ids.index(i) == 0 else '<a href="/news/detail/%d">%s</a>' % (ids[ids.index(i) - 1], items[ids.index(i) - 1][1]), items[4][1], items[7][1]) + foot % ("/news/detail/%d" % i)
        f = "news/detail_%d.html" % i
        write(S, f, a)
        pages.append({"path": "/news/detail/%d" % i, "file": f, "content_type": "text/html; charset=utf-8", "kind": "article",
                      "label": art_label(t, pt[:16].replace(" ", "T") + ":00+08:00", src, ps, ["上一篇", "下一篇", "热门阅读", items[4][1], "阅读量", "分享"])})
    save_site(S, "custom JSON API (Nuxt SSR cards)", pages)
    return S, pages

# ---------------------------------------------------------------- c05
def c05():
    S = "c05-rss-suzhou-sip"
    items = [
        ("苏州工业园区2024年二季度重大项目集中签约 58个项目总投资超400亿元", "./202404/t20240426_1823456.html", "2024-04-26 15:30:00"),
        ("园区举办外资企业营商环境座谈会", "./202404/t20240424_1821987.html", "2024-04-24 17:10:00"),
        ("苏州工业园区生物医药产业园四期项目开工", "./202404/t20240422_1820113.html", "2024-04-22 11:00:00"),
        ("园区一季度实际使用外资同比增长15.3%", "./202404/t20240419_1818006.html", "2024-04-19 09:45:00"),
        ("园区组团赴德国开展高端装备制造产业招商活动", "./202404/t20240416_1815342.html", "2024-04-16 16:20:00"),
        ("苏州工业园区发布人工智能产业创新发展三年行动计划", "./202404/t20240412_1812218.html", "2024-04-12 10:30:00"),
        ("园区纳米技术应用产业创新中心正式启用", "./202404/t20240409_1809874.html", "2024-04-09 14:05:00"),
        ("园区召开2024年度安全生产工作会议", "./202404/t20240403_1805510.html", "2024-04-03 18:00:00"),
        ("园区“金鸡湖创业长廊”新一批孵化器开园", "./202403/t20240329_1801447.html", "2024-03-29 15:15:00"),
        ("苏州工业园区入选国家首批知识产权保护示范区建设名单", "./202403/t20240326_1798325.html", "2024-03-26 09:00:00"),
        ("园区举办2024年春季人才招聘月活动", "./202403/t20240321_1794008.html", "2024-03-21 10:10:00"),
    ]
    base = "/xwzx/yqxw/"
    head = lambda t, extra="": '''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>%s</title>
<meta name="keywords" content="苏州工业园区,园区新闻">
%s<link href="/static/css/main.css" rel="stylesheet">
</head>
<body>
<div class="g-hd"><div class="w"><a class="logo" href="/"><img src="/static/img/logo.png" alt="苏州工业园区"></a><div class="lang"><a href="/en/">English</a> | <a href="/jp/">日本語</a></div></div>
<ul class="g-nav w"><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/tzyq/">投资园区</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
''' % (t, extra)
    foot = '''<div class="g-ft"><div class="w"><p>苏州工业园区管理委员会 版权所有 &nbsp; 地址：苏州工业园区现代大道999号</p><p><a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05004567号</a> &nbsp; 网站标识码：3205900001 &nbsp; <a href="/rss/news.xml">RSS订阅</a></p></div></div>
</body>
</html>
'''
    dot = lambda d: d[:10].replace("-", ".")
    rows = "\n".join('<div class="list-item"><a href="%s" target="_blank">%s</a><em>%s</em></div>' % (l, t, dot(d)) for t, l, d in items)
    lst = head("园区新闻-苏州工业园区") + '''<div class="w crumbs">您的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 园区新闻</div>
<div class="w main">
<div class="side"><h2>新闻中心</h2><a class="cur" href="/xwzx/yqxw/">园区新闻</a><a href="/xwzx/tpxw/">图片新闻</a><a href="/xwzx/mtbd/">媒体报道</a><a href="/xwzx/gsgg/">公示公告</a></div>
<div class="content">
<h3 class="ct-tit">园区新闻</h3>
<div class="list-wrap">
''' + rows + '''
</div>
<div class="pages"><span class="cur">1</span><a href="index_1.html">2</a><a href="index_2.html">3</a><a href="index_1.html">下一页</a><a href="index_49.html">末页</a></div>
</div>
</div>
''' + foot
    write(S, "xwzx/yqxw/index.html", lst)
    full = lambda l: base + l[2:]
    home = head("苏州工业园区", '<link rel="alternate" type="application/rss+xml" title="苏州工业园区新闻" href="/rss/news.xml">\n') + '''<div class="w idx-top">
<div class="focus"><a href="%s"><img src="/xwzx/yqxw/202404/W020240426397812345.jpg" alt="%s"><p>%s</p></a></div>
<div class="idx-news">
<div class="tab-hd"><a class="on" href="/xwzx/yqxw/">园区新闻</a><a href="/xwzx/gsgg/">公示公告</a><a href="/xwzx/mtbd/">媒体报道</a></div>
<ul>
%s
</ul>
<a class="more" href="/xwzx/yqxw/">更多</a>
</div>
</div>
<div class="w idx-svc"><a href="/zwfw/">政务服务</a><a href="/tzyq/">投资园区</a><a href="http://www.jszwfw.gov.cn/" target="_blank">江苏政务服务网</a><a href="/hdjl/">政民互动</a></div>
''' % (full(items[0][1]), items[0][0], items[0][0], "\n".join('<li><a href="%s" target="_blank">%s</a><span>%s</span></li>' % (full(l), t, d[5:10]) for t, l, d in items[:7])) + foot
    write(S, "index.html", home)
    # RSS
    def rfc(d):
        dt = datetime.datetime.strptime(d, "%Y-%m-%d %H:%M:%S")
        return dt.strftime("%a, %d %b %Y %H:%M:%S +0800")
    descs = ["58个项目集中签约，涵盖生物医药、纳米技术应用、人工智能等产业。", "园区管委会与30余家外资企业代表面对面交流，倾听企业诉求。",
             "四期项目总建筑面积约30万平方米，建成后将新增研发和产业化载体。", "一季度园区实际使用外资5.6亿美元，同比增长15.3%。",
             "代表团走访多家德国企业和机构，推介园区投资环境。", "行动计划提出到2026年人工智能核心产业规模突破1000亿元。",
             "中心将为纳米技术企业提供中试验证和公共技术服务。", "会议总结2023年安全生产工作，部署2024年重点任务。"]
    ritems = "\n".join('''<item>
<title>%s</title>
<link>%s</link>
<guid isPermaLink="true">%s</guid>
<description><![CDATA[%s]]></description>
<category>园区新闻</category>
<pubDate>%s</pubDate>
</item>''' % (t, full(l), full(l), descs[n], rfc(d)) for n, (t, l, d) in enumerate(items[:8]))
    rss = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>苏州工业园区 - 园区新闻</title>
<link>/xwzx/yqxw/</link>
<description>苏州工业园区管理委员会门户网站园区新闻</description>
<language>zh-cn</language>
<copyright>苏州工业园区管理委员会</copyright>
<lastBuildDate>Fri, 26 Apr 2024 15:40:00 +0800</lastBuildDate>
<ttl>60</ttl>
%s
</channel>
</rss>
''' % ritems
    write(S, "rss/news.xml", rss)
    pages = [{"path": "/", "file": "index.html", "content_type": "text/html; charset=utf-8", "kind": "home",
              "label": {"feeds": ["/rss/news.xml"], "news_lists": ["/xwzx/yqxw/", "/xwzx/gsgg/", "/xwzx/mtbd/"], "region_hint": "苏州市", "zone_hint": "苏州工业园区"}},
             {"path": "/rss/news.xml", "file": "rss/news.xml", "content_type": "text/xml", "kind": "other",
              "label": {"notes": "RSS 2.0 feed, 8 items (the first 8 of /xwzx/yqxw/), pubDate RFC 822 with +0800; <link> values are root-relative (port unknown).",
                        "items": [{"title": t, "link": full(l), "date": d.replace(" ", "T") + "+08:00"} for t, l, d in items[:8]]}},
             {"path": "/xwzx/yqxw/", "file": "xwzx/yqxw/index.html", "content_type": "text/html; charset=utf-8", "kind": "list",
              "label": {"items": [{"title": t, "link": full(l), "date": d[:10]} for t, l, d in items],
                        "next_page": "/xwzx/yqxw/index_1.html",
                        "notes": "Served at a directory path; relative links ./2024xx/... resolve under /xwzx/yqxw/. Page shows dates as 2024.04.26 in <em> (labels normalised to ISO)."}}]
    arts = [
        (items[0], "苏州工业园区融媒体中心",
         ["4月26日，苏州工业园区举行2024年二季度重大项目集中签约仪式，58个项目集中签约，总投资超400亿元，涵盖生物医药、纳米技术应用、人工智能三大新兴产业和高端制造等领域。",
          "此次签约的项目中，外资项目26个，总投资约32亿美元，其中世界500强企业投资项目8个；内资项目32个，包括多个行业龙头企业区域总部和研发中心项目。",
          "园区有关负责人表示，园区将进一步深化开放创新综合试验，持续打造市场化、法治化、国际化一流营商环境，以更高水平开放吸引全球优质资源集聚。"]),
        (items[1], "园区经发委",
         ["4月24日下午，苏州工业园区举办外资企业营商环境座谈会，园区管委会相关负责人与30余家外资企业代表面对面交流，倾听企业意见建议。",
          "座谈会上，企业代表围绕跨境数据流动、人才引进、通关便利化、研发用地等方面提出意见建议，园区相关部门逐一现场回应。",
          "园区将建立外资企业诉求“直通车”机制，对企业反映的问题实行清单化管理、闭环式办理，持续提升外资企业的获得感和满意度。"]),
    ]
    for (t, l, d), src, ps in arts:
        a = head(t + "-苏州工业园区") + '''<div class="w crumbs">您的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="../">园区新闻</a></div>
<div class="w detail">
<h1>%s</h1>
<div class="d-info">%s &nbsp;&nbsp; 来源：%s &nbsp;&nbsp; <a href="javascript:;" onclick="fontZoom(16)">A+</a> <a href="javascript:;" onclick="fontZoom(14)">A-</a></div>
<div class="d-con" id="UCAP-CONTENT">
%s
</div>
<div class="d-ft"><span>【编辑：陈思远】</span><span><a href="javascript:window.print();">打印</a> <a href="javascript:window.close();">关闭</a></span></div>
<div class="d-xg"><h4>相关阅读</h4><ul><li><a href="%s">%s</a></li><li><a href="%s">%s</a></li></ul></div>
</div>
''' % (t, d[:16], src, paras_html(ps), full(items[3][1]), items[3][0], full(items[5][1]), items[5][0]) + foot
        f = (base + l[2:]).lstrip("/")
        write(S, f, a)
        pages.append({"path": "/" + f, "file": f, "content_type": "text/html; charset=utf-8", "kind": "article",
                      "label": art_label(t, d[:16].replace(" ", "T") + ":00+08:00", src, ps, ["编辑：陈思远", "相关阅读", items[3][0], "打印", "RSS订阅"])})
    save_site(S, "TRS-like portal with RSS", pages)
    return S, pages

# ---------------------------------------------------------------- c06
def c06():
    S = "c06-jsonp-wuhan-eastlake"
    cb = "jsonp_1716189000123"
    items = [
        ("东湖高新区2024年二季度重大项目集中签约 总投资482亿元", "./202405/t20240520_2318876.html", "2024-05-20 10:30:00", "东湖高新区融媒体中心"),
        ("光谷召开优化营商环境大会 发布“光谷营商环境2024版”", "./202405/t20240517_2316402.html", "2024-05-17 16:45:00", "东湖高新区发改局"),
        ("光谷12个生物医药项目集中开工", "./202405/t20240515_2314987.html", "2024-05-15 09:20:00", "光谷生物城"),
        ("东湖高新区赴粤港澳大湾区开展光电子信息产业招商", "./202405/t20240513_2313011.html", "2024-05-13 18:05:00", "东湖高新区投资促进局"),
        ("2024光谷科技创新大会开幕 发布一批重大科技成果", "./202405/t20240509_2310448.html", "2024-05-09 11:00:00", "长江日报"),
        ("东湖高新区出台支持光电子信息产业高质量发展若干措施", "./202405/t20240506_2307736.html", "2024-05-06 15:10:00", "东湖高新区科创局"),
        ("光谷一季度地区生产总值同比增长7.8%", "./202404/t20240430_2303295.html", "2024-04-30 17:30:00", "东湖高新区统计局"),
        ("武汉新芯三期项目主体结构封顶", "./202404/t20240426_2300562.html", "2024-04-26 14:25:00", "湖北日报"),
        ("东湖高新区举办2024年“光谷人才月”系列活动", "./202404/t20240423_2298017.html", "2024-04-23 10:00:00", "东湖高新区人才局"),
        ("光谷企业服务“首席服务官”制度全面推开", "./202404/t20240419_2295343.html", "2024-04-19 16:00:00", "东湖高新区政务服务局"),
    ]
    api_path = "/xwzx/gzdt/doclist.jsp?callback=%s&channelid=2361&pageindex=1&pagesize=10" % cb
    docs = [{"docId": int(re.search(r"_(\d+)\.html", l).group(1)), "docTitle": t, "docUrl": l, "docPubTime": d, "docSource": s,
             "docAbstract": "", "chnlName": "工作动态"} for t, l, d, s in items]
    body = json.dumps({"code": 0, "msg": "success", "data": {"total": 1268, "pageCount": 127, "pageIndex": 1, "docs": docs}}, ensure_ascii=False)
    write(S, "xwzx/gzdt/doclist_p1.js", "/**/%s(%s);" % (cb, body))
    full = lambda l: "/xwzx/gzdt/" + l[2:]
    lis = "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span class="date">%s</span></li>' % (l, t, t, d[:10]) for t, l, d, s in items)
    head = lambda t: '''<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>%s</title>
<meta name="SiteName" content="武汉东湖新技术开发区">
<meta name="SiteIDCode" content="4201000061">
<link rel="stylesheet" href="/images/css/style.css">
<script src="/images/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="武汉东湖新技术开发区"></a><div class="nav"><a href="/">首页</a><a href="/zjgg/">走进光谷</a><a href="/xwzx/">新闻中心</a><a href="/zwgk/">政务公开</a><a href="/tzgg/">投资光谷</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></div></div></div>
''' % t
    foot = '''<div class="footer"><div class="w1200"><p>主办：武汉东湖新技术开发区管理委员会 &nbsp; 地址：武汉市东湖新技术开发区高新大道777号</p><p><a href="https://beian.miit.gov.cn/" target="_blank">鄂ICP备05003318号</a> &nbsp; 网站标识码：4201000061</p></div></div>
</body>
</html>
'''
    lst = head("工作动态-武汉东湖新技术开发区") + '''<div class="w1200 position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <span>工作动态</span></div>
<div class="w1200 main clearfix">
<div class="left-menu"><h2>新闻中心</h2><ul><li><a href="/xwzx/ggyw/">光谷要闻</a></li><li class="cur"><a href="/xwzx/gzdt/">工作动态</a></li><li><a href="/xwzx/mtgz/">媒体关注</a></li><li><a href="/xwzx/tpxw/">图片新闻</a></li></ul></div>
<div class="right-con">
<div class="con-tit">工作动态</div>
<ul class="list" id="docList">
''' + lis + '''
</ul>
<div class="pagination" id="pager"></div>
</div>
</div>
<script type="text/javascript">
var channelid = 2361, pagesize = 10;
function renderList(res){
  if(!res || res.code !== 0) return;
  var html = "";
  $.each(res.data.docs, function(i, d){
    html += '<li><a href="' + d.docUrl + '" target="_blank" title="' + d.docTitle + '">' + d.docTitle + '</a><span class="date">' + d.docPubTime.substring(0,10) + '</span></li>';
  });
  $("#docList").html(html);
  $("#pager").html(buildPager(res.data.pageIndex, res.data.pageCount));
}
function loadPage(p){
  $.ajax({url: "doclist.jsp", dataType: "jsonp", jsonp: "callback", jsonpCallback: "jsonp_1716189000123",
          data: {channelid: channelid, pageindex: p, pagesize: pagesize}, success: renderList});
}
function buildPager(cur, total){
  var s = "";
  if(cur > 1) s += '<a href="javascript:loadPage(' + (cur-1) + ')">上一页</a>';
  s += '<span>' + cur + '/' + total + '</span>';
  if(cur < total) s += '<a href="javascript:loadPage(' + (cur+1) + ')">下一页</a>';
  return s;
}
$(function(){ loadPage(1); });
</script>
''' + foot
    write(S, "xwzx/gzdt/index.html", lst)
    pages = [{"path": "/xwzx/gzdt/", "file": "xwzx/gzdt/index.html", "content_type": "text/html", "kind": "list",
              "label": {"items": [{"title": t, "link": full(l), "date": d[:10]} for t, l, d, s in items], "next_page": None,
                        "notes": "Static fallback <ul class=list id=docList>, replaced client-side by JSONP from doclist.jsp (relative URL; callback jsonp_1716189000123). Pager is javascript:loadPage(n) only."}},
             {"path": api_path, "file": "xwzx/gzdt/doclist_p1.js", "content_type": "application/javascript", "kind": "json",
              "label": {"array_path": "data.docs", "items": [{"title": t, "link": full(l), "date": d.replace(" ", "T") + "+08:00"} for t, l, d, s in items], "jsonp": True,
                        "notes": "Body is '/**/jsonp_1716189000123({...});'. docUrl is relative (./202405/...) and resolves against /xwzx/gzdt/ (both the API and the list page live there). docPubTime is local +08:00 time."}}]
    arts = [
        (items[0], ["5月20日，东湖高新区举行2024年二季度重大项目集中签约活动，现场签约项目35个，总投资482亿元，涉及光电子信息、生物医药、新能源与智能网联汽车、数字经济等产业领域。",
                    "此次签约项目质量高、结构优，投资额超过10亿元的项目有12个，其中包括一批光芯片、显示面板、创新药研发生产基地等“链主”项目和产业链关键配套项目。",
                    "东湖高新区主要负责人表示，光谷将坚持把招商引资作为“一号工程”，以最优服务保障项目建设，推动签约项目加快转化为开工项目、投产项目，为加快建设世界一流科技园区注入强劲动力。"]),
        (items[1], ["5月17日，东湖高新区召开优化营商环境大会，发布“光谷营商环境2024版”改革方案，推出涵盖市场准入、政务服务、要素保障、法治环境等方面的48项改革举措。",
                    "2023年，光谷新登记经营主体超过6万户，企业开办全流程压缩至0.5个工作日以内，“高效办成一件事”事项达到50项，营商环境便利度持续提升。",
                    "大会要求，全区上下要牢固树立“人人都是营商环境”的理念，以企业感受为第一标准，打造市场化、法治化、国际化一流营商环境。"]),
    ]
    for (t, l, d, s), ps in arts:
        a = head(t + "-武汉东湖新技术开发区") + '''<div class="w1200 position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="../">工作动态</a></div>
<div class="w1200 article">
<div class="article-title"><h2>%s</h2></div>
<div class="article-info"><span>时间：%s</span><span>来源：%s</span><span>浏览：<i id="readcount">--</i></span></div>
<div class="article-body" id="Zoom">
%s
</div>
<div class="article-other">
<div class="editor">编辑：刘畅 &nbsp; 审核：周文斌</div>
<div class="prev-next"><p>上一篇：<a href="%s">%s</a></p><p>下一篇：%s</p></div>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="%s">%s</a></li><li><a href="%s">%s</a></li></ul></div>
</div>
''' % (t, d[:16], s, paras_html(ps),
       "../" + items[items.index((t, l, d, s)) + 1][1][2:], items[items.index((t, l, d, s)) + 1][0],
       '没有了' if l == items[0][1] else '<a href="../%s">%s</a>' % (items[0][1][2:], items[0][0]),
       "../" + items[5][1][2:], items[5][0], "../" + items[2][1][2:], items[2][0]) + foot
        f = full(l).lstrip("/")
        write(S, f, a)
        pages.append({"path": "/" + f, "file": f, "content_type": "text/html", "kind": "article",
                      "label": art_label(t, d[:16].replace(" ", "T") + ":00+08:00", s, ps, ["编辑：刘畅", "审核", "上一篇", "下一篇", "相关文章", items[5][0]])})
    save_site(S, "custom JSONP API", pages)
    return S, pages

if __name__ == "__main__":
    for fn in (c01, c02, c03, c04, c05, c06):
        s, p = fn()
        print(s, len(p), "pages")
