#!/usr/bin/env python3
"""Builder for blind sites d01..d08 (helper D). Run: python3 build_sites_d.py"""
import json, os, html, datetime, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sites")
AUTH = "helper D (blind)"
TZ = datetime.timezone(datetime.timedelta(hours=8))

def write(site, rel, text, enc="utf-8"):
    p = os.path.join(ROOT, site, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(text.encode(enc))  # strict: fails if a character is not in the charset

def save_site(site, style, pages):
    d = {"site": site, "style": style, "written": "blind", "author": AUTH, "pages": pages}
    write(site, "site.json", json.dumps(d, ensure_ascii=False, indent=2) + "\n")

def esc(s):
    return html.escape(s, quote=True)

def paras_html(ps, style=''):
    return "\n".join('<p%s>%s</p>' % (style, html.escape(p, quote=False)) for p in ps)

def art_label(title, published, source, ps, not_in):
    return {"title": title, "published": published, "source": source,
            "body_starts": ps[0][:20], "body_ends": ps[-1][-20:], "not_in_body": not_in}

def cut(t, n):
    return t if len(t) <= n else t[:n] + "..."

def ms(s):
    """'2022-10-11 10:30' (+08:00) -> epoch milliseconds"""
    dt = datetime.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
    return int(dt.timestamp() * 1000)

def iso(s):
    """'2022-10-11 10:30' -> '2022-10-11T10:30:00+08:00'"""
    return s.replace(" ", "T") + ":00+08:00"

def page(path, f, ct, kind, label):
    return {"path": path, "file": f, "content_type": ct, "kind": kind, "label": label}

# ---------------------------------------------------------------- d01
# TRS WCM, 廊坊经济技术开发区 (河北). Home + two list pages (index.html, index_1.html) + 2 articles.
def d01():
    S = "d01-trs-langfang-etdz"
    p1 = [
        ("廊坊开发区召开2022年第三季度重点项目观摩推进会", "t20221011_1265432", "2022-10-11"),
        ("廊坊开发区12个项目集中签约 总投资达86.3亿元", "t20221009_1265108", "2022-10-09"),
        ("开发区党工委理论学习中心组开展专题学习研讨", "t20220930_1264770", "2022-09-30"),
        ("廊坊开发区获评省级数字经济示范园区", "t20220928_1264512", "2022-09-28"),
        ("开发区举办2022年重点企业银企对接洽谈会 现场授信23.6亿元", "t20220926_1264207", "2022-09-26"),
        ("承接京津产业转移项目提速 开发区前三季度新引进项目41个", "t20220923_1263985", "2022-09-23"),
        ("开发区召开安全生产和消防安全工作部署会议", "t20220921_1263690", "2022-09-21"),
        ("新奥氢能产业创新中心项目在开发区开工建设", "t20220919_1263344", "2022-09-19"),
        ("廊坊开发区开展“送政策进企业”服务月活动", "t20220916_1263012", "2022-09-16"),
        ("开发区税务部门落实组合式税费支持政策助企纾困", "t20220914_1262801", "2022-09-14"),
        ("开发区组织企业参加2022年中国国际服务贸易交易会", "t20220906_1262119", "2022-09-06"),
        ("廊坊开发区前8个月规上工业增加值同比增长9.2%", "t20220902_1261847", "2022-09-02"),
    ]
    p2 = [
        ("开发区召开2022年上半年经济运行分析会", "t20220829_1261503", "2022-08-29"),
        ("廊坊开发区与中关村科技园区管委会签署战略合作协议", "t20220826_1261266", "2022-08-26"),
        ("开发区开展汛期安全隐患大排查大整治行动", "t20220824_1260994", "2022-08-24"),
        ("华为廊坊云数据中心二期项目主体结构封顶", "t20220822_1260731", "2022-08-22"),
        ("开发区人才服务中心举办2022年高校毕业生专场招聘会", "t20220819_1260455", "2022-08-19"),
        ("廊坊开发区入选国家级绿色工业园区名单", "t20220817_1260208", "2022-08-17"),
        ("开发区召开优化营商环境“万人助万企”工作推进会", "t20220815_1259960", "2022-08-15"),
        ("开发区2家企业入选河北省“专精特新”示范企业", "t20220811_1259587", "2022-08-11"),
        ("廊坊开发区举办京津冀生物医药产业协同发展论坛", "t20220809_1259321", "2022-08-09"),
        ("开发区开展“八一”建军节走访慰问退役军人活动", "t20220801_1258610", "2022-08-01"),
        ("开发区召开2022年度全面从严治党工作推进会", "t20220728_1258277", "2022-07-28"),
        ("富智康精密电子（廊坊）有限公司新产线投产", "t20220725_1257936", "2022-07-25"),
    ]
    def mon(tid):
        return tid[1:7]
    nav = '''<div class="nav-wrap"><ul class="nav w1200">
<li><a href="/">首页</a></li>
<li><a href="/zjkfq/">走进开发区</a><div class="sub"><a href="/zjkfq/kfqjj/">开发区简介</a><a href="/zjkfq/ldzc/">领导之窗</a><a href="/zjkfq/jgsz/">机构设置</a><a href="/zjkfq/fzlc/">发展历程</a></div></li>
<li class="on"><a href="/xwzx/">新闻中心</a><div class="sub"><a href="/xwzx/kfqyw/">开发区要闻</a><a href="/xwzx/tzgg/">通知公告</a><a href="/xwzx/mtjj/">媒体聚焦</a><a href="/xwzx/bmdt/">部门动态</a></div></li>
<li><a href="/zwgk/">政务公开</a><div class="sub"><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a><a href="/zwgk/zfxxgkml/">政府信息公开目录</a><a href="/zwgk/zfxxgknb/">政府信息公开年报</a><a href="/zwgk/zcjd/">政策解读</a></div></li>
<li><a href="/tzcj/">投资促进</a><div class="sub"><a href="/tzcj/tzhj/">投资环境</a><a href="/tzcj/yhzc/">优惠政策</a><a href="/tzcj/zsxm/">招商项目</a></div></li>
<li><a href="/cyfz/">产业发展</a></li>
<li><a href="/yshj/">营商环境</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li>
<li><a href="/ztzl/">专题专栏</a></li>
</ul></div>'''
    def head(title, extra=""):
        return '''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>%s</title>
<meta name="SiteName" content="廊坊经济技术开发区">
<meta name="SiteDomain" content="www.lfkfq.gov.cn">
<meta name="SiteIDCode" content="1310000012">
%s<link href="/images/public.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery.min.js"></script>
</head>
<body>
<div class="topbar"><div class="w1200"><span class="date" id="today"></span><span class="links"><a href="javascript:void(0);" onclick="addFavorite()">加入收藏</a> | <a href="/wza/">无障碍浏览</a> | <a href="/zxzx/">在线咨询</a></span></div></div>
<div class="header w1200"><a class="logo" href="/"><img src="/images/logo.png" alt="廊坊经济技术开发区管理委员会" /></a>
<form class="search" action="/guestweb4/s" method="get" target="_blank"><input type="hidden" name="siteCode" value="1310000012" /><input type="text" name="searchWord" placeholder="请输入搜索内容" /><button type="submit">搜索</button></form></div>
''' % (title, extra) + nav + "\n"
    foot = '''<div class="footer"><div class="w1200">
<div class="flinks"><select onchange="if(this.value)window.open(this.value)"><option value="">--政府网站--</option><option value="http://www.gov.cn/">中国政府网</option><option value="http://www.hebei.gov.cn/">河北省人民政府</option><option value="http://www.lf.gov.cn/">廊坊市人民政府</option></select></div>
<p>主办单位：廊坊经济技术开发区管理委员会 &nbsp; 承办：开发区党政办公室 &nbsp; 地址：河北省廊坊市开发区华祥路118号</p>
<p>网站标识码：1310000012 &nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">冀ICP备05014412号-1</a> &nbsp; <img src="/images/gongan.png" alt="" />冀公网安备 13100302000118号</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='https://dcs.conac.cn/js/04/000/0000/60429971/CA040000000604299710002.js' type='text/javascript'%3E%3C/script%3E"));</script>
<script id="_jiucuo_" sitecode="1310000012" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></p>
</div></div>
</body>
</html>
'''
    hot = [("关于开展2022年度廊坊开发区科技型中小企业评价工作的通知", "/xwzx/tzgg/202209/t20220915_1262950.html"),
           ("廊坊开发区2022年公开招聘社区工作者公告", "/xwzx/tzgg/202209/t20220907_1262233.html"),
           ("开发区管委会主任接待日安排（2022年10月）", "/xwzx/tzgg/202209/t20220929_1264611.html"),
           ("关于做好2022年国庆节假期疫情防控工作的通告", "/xwzx/tzgg/202209/t20220927_1264390.html"),
           ("廊坊开发区惠企政策汇编（2022年版）", "/zwgk/zcjd/202208/t20220818_1260302.html"),
           ("开发区2022年重点项目清单公示", "/xwzx/tzgg/202207/t20220720_1257511.html")]
    def side(pref):
        # pref: relative prefix from the page's directory to /xwzx/
        h = '<div class="side-box"><div class="side-tit">新闻中心</div><ul class="side-menu">\n'
        for n, d in (("开发区要闻", "kfqyw"), ("通知公告", "tzgg"), ("媒体聚焦", "mtjj"), ("部门动态", "bmdt")):
            h += '<li%s><a href="%s%s/">%s</a></li>\n' % (' class="cur"' if d == "kfqyw" else '', pref, d, n)
        h += '</ul></div>\n<div class="side-box"><div class="side-tit">热点排行</div><ul class="rank">\n'
        for i, (t, l) in enumerate(hot):
            h += '<li><i>%d</i><a href="%s" target="_blank" title="%s">%s</a></li>\n' % (i + 1, l, esc(t), esc(cut(t, 16)))
        h += '</ul></div>\n'
        return h
    pager_js = '''<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0)
		document.write("<span class=\\"disabled\\">首页</span><span class=\\"disabled\\">上一页</span>");
	else{
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>");
		if(nCurrIndex == 1)
			document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">上一页</a>");
		else
			document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex-1) + "."+_sPageExt+"\\">上一页</a>");
	}
	for(var i=0; i<_nPageCount; i++){
		if(i == nCurrIndex) document.write("<span class=\\"current\\">"+(i+1)+"</span>");
		else if(i == 0) document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">1</a>");
		else document.write("<a href=\\""+_sPageName+"_"+i+"."+_sPageExt+"\\">"+(i+1)+"</a>");
	}
	if(nCurrIndex < _nPageCount-1){
		document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex+1) + "."+_sPageExt+"\\">下一页</a>");
		document.write("<a href=\\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\\">尾页</a>");
	}else{
		document.write("<span class=\\"disabled\\">下一页</span><span class=\\"disabled\\">尾页</span>");
	}
}
</script>
'''
    def listpage(items, cur):
        lis = "\n".join('<li><a href="./%s/%s.html" target="_blank" title="%s">%s</a><span class="date">%s</span></li>' % (mon(tid), tid, esc(t), esc(t), d)
                        for t, tid, d in items)
        return head("开发区要闻 - 廊坊经济技术开发区") + '''<div class="main w1200 clearfix">
<div class="left">
%s</div>
<div class="right">
<div class="location">您现在的位置：<a href="../../" title="首页" class="CurrChnlCls">首页</a>&nbsp;&gt;&nbsp;<a href="../" title="新闻中心" class="CurrChnlCls">新闻中心</a>&nbsp;&gt;&nbsp;<a href="./" title="开发区要闻" class="CurrChnlCls">开发区要闻</a></div>
<div class="list-tit"><h3>开发区要闻</h3></div>
<ul class="list-con">
%s
</ul>
<div class="page">
%s<script type="text/javascript">
var currentPage = %d;//所在页从0开始
var countPage = 5//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script>
</div>
</div>
</div>
''' % (side("../"), lis, pager_js, cur) + foot
    write(S, "xwzx/kfqyw/index.html", listpage(p1, 0))
    write(S, "xwzx/kfqyw/index_1.html", listpage(p2, 1))
    L = lambda items: [{"title": t, "link": "/xwzx/kfqyw/%s/%s.html" % (mon(tid), tid), "date": d} for t, tid, d in items]
    # ---- home
    tz = [("关于开展2022年度廊坊开发区科技型中小企业评价工作的通知", "./xwzx/tzgg/202209/t20220915_1262950.html", "09-15"),
          ("廊坊开发区2022年公开招聘社区工作者公告", "./xwzx/tzgg/202209/t20220907_1262233.html", "09-07"),
          ("关于做好2022年国庆节假期疫情防控工作的通告", "./xwzx/tzgg/202209/t20220927_1264390.html", "09-27"),
          ("开发区管委会主任接待日安排（2022年10月）", "./xwzx/tzgg/202209/t20220929_1264611.html", "09-29"),
          ("开发区2022年重点项目清单公示", "./xwzx/tzgg/202207/t20220720_1257511.html", "07-20")]
    mt = [("河北日报：廊坊开发区打造京津冀协同发展重要承接平台", "http://hbrb.hebnews.cn/pc/paper/c/202209/26/content_148273.html"),
          ("长城网：廊坊开发区12个项目集中签约", "http://lf.hebei.com.cn/system/2022/10/09/100981245.shtml"),
          ("廊坊日报：开发区数字经济产业集群加速成势", "http://www.lfrb.com/epaper/html/2022-09/29/content_88132.htm")]
    home = head("廊坊经济技术开发区管理委员会", '<meta name="keywords" content="廊坊开发区,廊坊经济技术开发区,国家级经开区">\n<meta name="description" content="廊坊经济技术开发区管理委员会门户网站">\n') + '''<div class="banner w1200"><div class="slide" id="slide">
<ul><li><a href="./xwzx/kfqyw/202210/t20221011_1265432.html" target="_blank"><img src="/images/banner1.jpg" alt="廊坊开发区召开2022年第三季度重点项目观摩推进会" /><p>廊坊开发区召开2022年第三季度重点项目观摩推进会</p></a></li>
<li><a href="./xwzx/kfqyw/202210/t20221009_1265108.html" target="_blank"><img src="/images/banner2.jpg" alt="" /><p>廊坊开发区12个项目集中签约 总投资达86.3亿元</p></a></li></ul></div>
<div class="index-news">
<div class="tab-hd"><span class="on">开发区要闻</span><a class="more" href="./xwzx/kfqyw/" target="_blank">更多&gt;&gt;</a></div>
<ul>
''' + "\n".join('<li><a href="./xwzx/kfqyw/%s/%s.html" target="_blank" title="%s">%s</a><span>%s</span></li>' % (mon(tid), tid, esc(t), esc(cut(t, 22)), d[5:]) for t, tid, d in p1[:7]) + '''
</ul></div></div>
<div class="w1200 row2 clearfix">
<div class="box tzgg"><div class="box-hd"><h3>通知公告</h3><a class="more" href="./xwzx/tzgg/">更多</a></div><ul>
''' + "\n".join('<li><a href="%s" target="_blank">%s</a><span>%s</span></li>' % (l, esc(t), d) for t, l, d in tz) + '''
</ul></div>
<div class="box mtjj"><div class="box-hd"><h3>媒体聚焦</h3><a class="more" href="./xwzx/mtjj/">更多</a></div><ul>
''' + "\n".join('<li><a href="%s" target="_blank">%s</a></li>' % (l, esc(t)) for t, l in mt) + '''
</ul></div>
<div class="box zwfw"><div class="box-hd"><h3>政务服务</h3></div><ul class="icons">
<li><a href="http://www.hbzwfw.gov.cn/" target="_blank"><img src="/images/ico1.png" alt="" />河北政务服务网</a></li>
<li><a href="/zwfw/bszn/">办事指南</a></li><li><a href="/zwfw/bgxz/">表格下载</a></li><li><a href="/hdjl/zxts/">咨询投诉</a></li><li><a href="/hdjl/myzj/">民意征集</a></li>
</ul></div>
</div>
<div class="w1200 zt"><a href="/ztzl/xxgcddesd/"><img src="/images/zt1.jpg" alt="学习宣传贯彻党的二十大精神" /></a><a href="/ztzl/yshj/"><img src="/images/zt2.jpg" alt="优化营商环境" /></a></div>
<script type="text/javascript">$(function(){ var d=new Date(); $("#today").text(d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日"); });</script>
''' + foot
    write(S, "index.html", home)
    pages = [
        page("/", "index.html", "text/html", "home",
             {"feeds": [], "news_lists": ["/xwzx/kfqyw/", "/xwzx/tzgg/", "/xwzx/mtjj/", "/xwzx/bmdt/"], "region_hint": "廊坊市", "zone_hint": "廊坊经济技术开发区"}),
        page("/xwzx/kfqyw/", "xwzx/kfqyw/index.html", "text/html", "list",
             {"items": L(p1), "next_page": "/xwzx/kfqyw/index_1.html",
              "notes": "TRS WCM; served at the directory path, links ./2022xx/t..._n.html; pager is written by createPageHTML(5, 0, \"index\", \"html\") (no <a> in the static HTML). Sidebar 热点排行 and nav dropdowns are not part of the list."}),
        page("/xwzx/kfqyw/index_1.html", "xwzx/kfqyw/index_1.html", "text/html", "list",
             {"items": L(p2), "next_page": "/xwzx/kfqyw/index_2.html",
              "notes": "Page 2 of 5 (currentPage = 1) -> next index_2.html (not served)."}),
    ]
    arts = [
        (p1[0], "2022-10-11 16:42", "廊坊日报", [
            "10月11日，廊坊开发区召开2022年第三季度重点项目观摩推进会，现场观摩新奥氢能产业创新中心、华为廊坊云数据中心二期等8个重点项目，总结前三季度项目建设情况，安排部署第四季度重点工作。",
            "观摩团一行先后深入项目施工现场，详细了解项目建设进度、投资完成情况和存在的困难问题。会议指出，今年以来开发区坚持项目为王，重点项目建设呈现开工早、进度快、质量优的良好态势，前三季度38个省市重点项目完成投资126.5亿元，占年度计划的82.3%。",
            "会议强调，各部门要紧盯全年目标任务，倒排工期、挂图作战，全力以赴推动项目早竣工、早投产、早见效；要强化要素保障，持续深化“万人助万企”活动，主动靠前服务，及时协调解决项目建设中的堵点难点问题。",
            "开发区党工委、管委会领导班子成员，各部门、各街道主要负责同志参加观摩活动。",
        ]),
        (p1[1], "2022-10-09 10:15", "开发区投资促进局", [
            "10月9日上午，廊坊开发区2022年第四批重点项目集中签约仪式举行，12个项目现场签约，总投资达86.3亿元，涵盖新一代信息技术、高端装备制造、生物医药、现代服务业等领域。",
            "此次签约的项目质量高、带动性强，其中投资超10亿元项目3个，京津转移项目7个。签约项目包括智能网联汽车零部件研发生产基地、创新药物中试平台、工业互联网标识解析二级节点等，将进一步延伸开发区主导产业链条。",
            "开发区主要负责同志表示，开发区将为签约企业提供全方位、全周期的优质服务，实行专班推进、专人对接，确保项目早落地、早开工、早达效，共同推动开发区高质量发展迈上新台阶。",
        ]),
    ]
    for (t, tid, d), pub, src, ps in arts:
        i = p1.index((t, tid, d))
        prev = p1[i + 1]
        nxt = '<a href="../%s/%s.html">%s</a>' % (mon(p1[i - 1][1]), p1[i - 1][1], esc(p1[i - 1][0])) if i > 0 else '没有了'
        a = head(t + " - 廊坊经济技术开发区", '<meta name="ArticleTitle" content="%s">\n<meta name="PubDate" content="%s">\n<meta name="ContentSource" content="%s">\n' % (esc(t), pub, src)) + '''<div class="main w1200 clearfix">
<div class="location">您现在的位置：<a href="../../../" title="首页" class="CurrChnlCls">首页</a>&nbsp;&gt;&nbsp;<a href="../../" title="新闻中心" class="CurrChnlCls">新闻中心</a>&nbsp;&gt;&nbsp;<a href="../" title="开发区要闻" class="CurrChnlCls">开发区要闻</a></div>
<div class="article">
<h1 class="xl-tit">%s</h1>
<div class="xl-info"><span>发布时间：%s</span><span>来源：%s</span><span>字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="xl-con" id="zoom"><div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:0;margin-bottom:12px;line-height:2;font-size:16px;}</style>
%s
</div></div>
<div class="xl-bot"><span class="fx">分享到：<a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a></span><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="xl-pn"><p>上一篇：<a href="../%s/%s.html">%s</a></p><p>下一篇：%s</p></div>
</div>
<div class="xgyd"><h3>相关阅读</h3><ul>
<li><a href="../%s/%s.html">%s</a></li>
<li><a href="../%s/%s.html">%s</a></li>
</ul></div>
</div>
''' % (esc(t), pub, src, paras_html(ps, ' style="text-indent:2em;"'), mon(prev[1]), prev[1], esc(prev[0]), nxt,
       mon(p1[7][1]), p1[7][1], esc(p1[7][0]), mon(p2[3][1]), p2[3][1], esc(p2[3][0])) + foot
        f = "xwzx/kfqyw/%s/%s.html" % (mon(tid), tid)
        write(S, f, a)
        pages.append(page("/" + f, f, "text/html", "article",
                          art_label(t, iso(pub), src, ps, ["字号", "打印本页", "关闭窗口", "上一篇", "相关阅读", "分享到", prev[0], p1[7][0]])))
    save_site(S, "TRS WCM", pages)
    return S, pages

# ---------------------------------------------------------------- d02
# Hanweb 大汉, 潍坊高新技术产业开发区 (山东). Home + col 高新要闻 (records in <script type="text/xml"> CDATA)
# + col 媒体关注 (already-rendered default_pgContainer with static uid/pageNum paging) + 2 articles.
def d02():
    S = "d02-hanweb-weifang-hitech"
    c1 = [
        ("潍坊高新区召开2023年“项目突破年”动员大会", "2023/3/15", 678901, "2023-03-15"),
        ("潍柴动力大缸径高端发动机项目一期竣工投产", "2023/3/14", 678855, "2023-03-14"),
        ("高新区19个重点项目集中开工 总投资168亿元", "2023/3/13", 678790, "2023-03-13"),
        ("潍坊高新区获批山东省首批未来产业集聚区培育试点", "2023/3/10", 678702, "2023-03-10"),
        ("高新区举办2023年“春风行动”暨就业援助月专场招聘会 提供岗位3200余个", "2023/3/9", 678655, "2023-03-09"),
        ("歌尔虚拟现实产业园二期项目开工建设", "2023/3/8", 678611, "2023-03-08"),
        ("高新区开展庆祝“三八”国际妇女节系列主题活动", "2023/3/7", 678570, "2023-03-07"),
        ("潍坊高新区与山东大学共建先进制造研究院签约仪式举行", "2023/3/6", 678522, "2023-03-06"),
        ("高新区召开优化营商环境暨深化“放管服”改革工作会议", "2023/3/3", 678430, "2023-03-03"),
        ("潍坊高新区2022年地区生产总值同比增长6.1% 主要经济指标稳中有进", "2023/3/2", 678391, "2023-03-02"),
        ("高新区召开2023年安全生产暨消防安全工作会议", "2023/3/1", 678350, "2023-03-01"),
        ("高新区政务服务中心推出企业开办“一日办结”服务", "2023/2/28", 678299, "2023-02-28"),
        ("潍坊高新区举办人才政策宣讲暨校企对接会", "2023/2/27", 678241, "2023-02-27"),
        ("高新区启动2023年度科技型中小企业评价入库工作", "2023/2/24", 678180, "2023-02-24"),
        ("高新区新春第一会聚焦高质量发展 吹响全年奋进冲锋号", "2023/2/22", 678102, "2023-02-22"),
    ]
    c2 = [
        ("大众日报：潍坊高新区以“链长制”推动产业集群发展壮大", "http://paper.dzwww.com/dzrb/content/20230314/Articel03004MT.htm", "大众日报", "2023-03-14"),
        ("中国新闻网：潍坊动力装备产业集群加速迈向世界级", "https://www.sd.chinanews.com.cn/2/2023/0312/87654.html", "中国新闻网", "2023-03-12"),
        ("潍坊日报：高新区重点项目建设跑出“加速度”", "/art/2023/3/11/art_12349_678744.html", "潍坊日报", "2023-03-11"),
        ("山东电视台：潍坊高新区光电产业链条持续延伸", "/art/2023/3/9/art_12349_678680.html", "山东广播电视台", "2023-03-09"),
        ("大众网：潍坊高新区19个重点项目集中开工", "https://weifang.dzwww.com/xw/202303/t20230313_11692054.htm", "大众网", "2023-03-13"),
        ("科技日报：潍坊高新区打造创新驱动发展“强引擎”", "http://digitalpaper.stdaily.com/http_www.kjrb.com/kjrb/html/2023-03/07/content_549812.htm", "科技日报", "2023-03-07"),
        ("潍坊日报：高新区“春风行动”送岗位到家门口", "/art/2023/3/6/art_12349_678530.html", "潍坊日报", "2023-03-06"),
        ("齐鲁晚报：潍坊高新区企业开办实现“一日办结”", "/art/2023/3/1/art_12349_678362.html", "齐鲁晚报", "2023-03-01"),
        ("经济日报：潍坊高新区推动传统动力向新能源动力转型", "http://paper.ce.cn/pc/content/202302/27/content_269881.html", "经济日报", "2023-02-27"),
        ("潍坊日报：高新区人才新政吸引高校毕业生留潍就业", "/art/2023/2/25/art_12349_678215.html", "潍坊日报", "2023-02-25"),
        ("大众日报：潍坊高新区新春开局抓项目促发展", "http://paper.dzwww.com/dzrb/content/20230223/Articel02006MT.htm", "大众日报", "2023-02-23"),
        ("潍坊新闻网：高新区召开新春第一会", "/art/2023/2/22/art_12349_678110.html", "潍坊新闻网", "2023-02-22"),
    ]
    link1 = lambda ymd, aid: "/art/%s/art_12345_%d.html" % (ymd, aid)
    cols = [("首页", "/index.html"), ("走进高新", "/col/col12330/index.html"), ("新闻中心", "/col/col12344/index.html"),
            ("政务公开", "/col/col12360/index.html"), ("招商引资", "/col/col12371/index.html"), ("产业发展", "/col/col12380/index.html"),
            ("科技创新", "/col/col12388/index.html"), ("人才服务", "/col/col12395/index.html"), ("政务服务", "/col/col12402/index.html"),
            ("互动交流", "/col/col12410/index.html"), ("专题专栏", "/col/col12420/index.html")]
    nav = '<div class="nav"><ul class="w1200">\n' + "\n".join('<li><a href="%s" target="_self">%s</a></li>' % (l, n) for n, l in cols) + '\n</ul></div>\n'
    def head(title, metas=""):
        return '''<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="renderer" content="webkit">
<title>%s</title>
<meta name="SiteName" content="潍坊高新技术产业开发区">
<meta name="SiteDomain" content="gxq.weifang.gov.cn">
<meta name="SiteIDCode" content="3707000023">
%s<link rel="stylesheet" href="/images/2104/css/style.css">
<script type="text/javascript" src="/script/0/1708261045174b7c.js"></script>
<script type="text/javascript" src="/script/1/2101201422235c1d.js"></script>
</head>
<body>
<div class="head"><div class="w1200"><a href="/index.html" class="logo"><img src="/images/2104/logo.png" alt="潍坊高新技术产业开发区"></a>
<div class="head-r"><a href="javascript:;" id="ariaBtn">无障碍浏览</a><a href="/col/col12340/index.html">长者模式</a>
<form action="/jrobot/search.do" method="get" target="_blank" name="searchform"><input type="hidden" name="webid" value="12"><input type="text" name="q" class="keyword" placeholder="请输入关键字"><input type="submit" class="btn" value=""></form></div></div></div>
''' % (title, metas) + nav
    foot = '''<div class="foot"><div class="w1200">
<div class="foot-links"><span>相关链接：</span><a href="http://www.gov.cn" target="_blank">中国政府网</a><a href="http://www.shandong.gov.cn" target="_blank">山东省人民政府</a><a href="http://www.weifang.gov.cn" target="_blank">潍坊市人民政府</a></div>
<p>主办单位：潍坊高新技术产业开发区管理委员会 &nbsp; 承办单位：潍坊高新区党政办公室</p>
<p>联系电话：0536-8880000 &nbsp; 地址：潍坊高新区健康东街6888号</p>
<p>网站标识码：3707000023 &nbsp; <a href="https://beian.miit.gov.cn" target="_blank">鲁ICP备05038812号</a> &nbsp; <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37079402000211" target="_blank">鲁公网安备 37079402000211号</a></p>
<div class="dzjg"><span id="_ideConac"><a href="https://bszs.conac.cn/sitename?method=show&id=17F5B1C9" target="_blank"><img src="/images/2104/red.png" alt=""></a></span><script id="_jiucuo_" sitecode="3707000023" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></div>
</div></div>
<script type="text/javascript" src="/module/visitcount/visit.jsp?type=1&i_webid=12&i_columnid=0"></script>
</body>
</html>
'''
    def leftmenu(cur):
        subs = [("高新要闻", "/col/col12345/index.html"), ("通知公告", "/col/col12347/index.html"), ("部门动态", "/col/col12346/index.html"),
                ("媒体关注", "/col/col12349/index.html"), ("视频新闻", "/col/col12350/index.html")]
        h = '<div class="left-menu"><div class="lm-tit">新闻中心</div><ul>\n'
        h += "\n".join('<li%s><a href="%s">%s</a></li>' % (' class="on"' if n == cur else '', l, n) for n, l in subs)
        h += '\n</ul></div>\n<div class="left-box"><div class="lb-tit">推荐阅读</div><ul class="tjyd">\n'
        for t, ymd, aid, d in (c1[3], c1[7], c1[9]):
            h += '<li><a href="%s" target="_blank" title="%s">%s</a></li>\n' % (link1(ymd, aid), esc(t), esc(cut(t, 15)))
        h += '<li><a href="/art/2023/1/18/art_12347_677520.html" target="_blank" title="潍坊高新区2023年春节期间烟花爆竹禁放通告">潍坊高新区2023年春节期间烟花...</a></li>\n</ul></div>\n'
        return h
    def crumbs(cur, cid):
        return '''<div class="dqwz">当前位置：<table cellspacing="0" cellpadding="0" border="0"><tr>
<td><a href="/index.html" class="bt_link">首页</a></td><td><table width="100%%" cellspacing="0" cellpadding="0" border="0"><tr><td>&nbsp;&gt;&nbsp;</td></tr></table></td>
<td><a href="/col/col12344/index.html" class="bt_link">新闻中心</a></td><td><table width="100%%" cellspacing="0" cellpadding="0" border="0"><tr><td>&nbsp;&gt;&nbsp;</td></tr></table></td>
<td><a href="/col/col%d/index.html" class="bt_link">%s</a></td></tr></table></div>
''' % (cid, cur)
    recs = "\n".join('<record><![CDATA[\n<li><a href="%s" target="_blank" title="%s">%s</a><span class="bt-data-time">%s</span></li>\n]]></record>' % (link1(ymd, aid), esc(t), esc(cut(t, 28)), d) for t, ymd, aid, d in c1)
    lp1 = head("高新要闻 潍坊高新技术产业开发区", '<meta name="ColumnName" content="高新要闻">\n<meta name="ColumnType" content="新闻">\n') + '''<div class="w1200 main clearfix">
<div class="main-l">
%s</div>
<div class="main-r">
%s<div class="list-tit"><span>高新要闻</span></div>
<div class="list-con"><div id="36812"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=12&path=http://gxq.weifang.gov.cn/&columnid=12345&unitid=36812&webname=%%E6%%BD%%8D%%E5%%9D%%8A%%E9%%AB%%98%%E6%%96%%B0%%E5%%8C%%BA&permissiontype=0"></a>]]></nextgroup>
<recordset>
%s
</recordset>
</datastore>
</script></div>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>
$(function(){
    var pageSize = 15;
    var totalRecord = 318;
    $('#36812').jpage({dataStore: $('#36812 script[type="text/xml"]').text(), perPage: pageSize, totalRecord: totalRecord, proxyUrl: '/module/web/jpage/dataproxy.jsp', groupSize: 3, barPosition: 'bottom', ajaxParam: {col: 1, appid: 1, webid: 12, path: '/', columnid: 12345, sourceContentType: 1, unitid: '36812', webname: '潍坊高新区', permissiontype: 0}});
});
</script>
</div>
</div>
</div>
''' % (leftmenu("高新要闻"), crumbs("高新要闻", 12345), recs) + foot
    write(S, "col/col12345/index.html", lp1)
    items2 = "\n".join('<div class="mtgz-item"><a href="%s" target="_blank" title="%s">%s</a><p class="mtgz-src">来源：%s</p><span class="mtgz-time">%s</span></div>'
                       % (l, esc(t), esc(cut(t, 24)), src, "%s年%s月%s日" % (d[:4], d[5:7], d[8:])) for t, l, src, d in c2)
    lp2 = head("媒体关注 潍坊高新技术产业开发区", '<meta name="ColumnName" content="媒体关注">\n<meta name="ColumnType" content="新闻">\n') + '''<div class="w1200 main clearfix">
<div class="main-l">
%s</div>
<div class="main-r">
%s<div class="list-tit"><span>媒体关注</span></div>
<div class="list-con"><div id="36820">
<div class="default_pgContainer">
%s
</div>
<div class="default_pgPanel"><span class="default_pgTotalRecord">共 96 条</span>
<a class="default_pgBtn default_pgFirst" href="javascript:;" title="首页"></a><a class="default_pgBtn default_pgPrev" href="javascript:;" title="上页"></a>
<span class="default_pgCurrentPage">1</span>/<span class="default_pgTotalPage">8</span>
<a class="default_pgBtn default_pgNext" href="/col/col12349/index.html?uid=36820&amp;pageNum=2" title="下页">下页</a><a class="default_pgBtn default_pgLast" href="/col/col12349/index.html?uid=36820&amp;pageNum=8" title="尾页">尾页</a></div>
</div></div>
</div>
</div>
''' % (leftmenu("媒体关注"), crumbs("媒体关注", 12349), items2) + foot
    write(S, "col/col12349/index.html", lp2)
    # home
    home = head("潍坊高新技术产业开发区", '<meta name="keywords" content="潍坊高新区,潍坊高新技术产业开发区">\n') + '''<div class="w1200 idx-1 clearfix">
<div class="idx-pic"><ul class="pic-slide">
<li><a href="%s" target="_blank"><img src="/picture/0/2303151026123.jpg" alt=""><span>%s</span></a></li>
<li><a href="%s" target="_blank"><img src="/picture/0/2303141533456.jpg" alt=""><span>%s</span></a></li>
</ul></div>
<div class="idx-news"><div class="tab-title"><span class="on" data-tab="1">高新要闻</span><span data-tab="2">通知公告</span><span data-tab="3">部门动态</span>
<a class="more" href="/col/col12345/index.html" target="_blank">更多</a></div>
<ul class="tab-con tc1">
%s
</ul>
<ul class="tab-con tc2" style="display:none">
<li><a href="/art/2023/3/14/art_12347_678860.html" target="_blank">关于2023年度潍坊高新区科技创新政策兑现的公示</a><span>03-14</span></li>
<li><a href="/art/2023/3/8/art_12347_678630.html" target="_blank">潍坊高新区2023年公开招聘聘用制教师简章</a><span>03-08</span></li>
<li><a href="/art/2023/2/20/art_12347_678066.html" target="_blank">关于开展2023年“专精特新”中小企业申报工作的通知</a><span>02-20</span></li>
<li><a href="/col/col12347/index.html" target="_blank" class="more-li">查看更多通知公告</a></li>
</ul>
<ul class="tab-con tc3" style="display:none">
<li><a href="/art/2023/3/13/art_12346_678801.html" target="_blank">新城街道开展“学雷锋”志愿服务活动</a><span>03-13</span></li>
<li><a href="/art/2023/3/10/art_12346_678733.html" target="_blank">清池街道召开2023年重点工作推进会</a><span>03-10</span></li>
<li><a href="/col/col12346/index.html" target="_blank" class="more-li">查看更多部门动态</a></li>
</ul>
</div></div>
<div class="w1200 idx-2"><div class="mtgz"><div class="t">媒体关注<a href="/col/col12349/index.html" class="more">更多</a></div><ul>
%s
</ul></div>
<div class="kjrk"><a href="http://www.shandong.gov.cn/col/col94237/index.html" target="_blank">爱山东政务服务</a><a href="/col/col12402/index.html">办事指南</a><a href="/col/col12410/index.html">书记信箱</a><a href="/col/col12411/index.html">主任信箱</a></div>
</div>
<script>$(".tab-title span").hover(function(){var i=$(this).data("tab");$(this).addClass("on").siblings("span").removeClass("on");$(".tab-con").hide();$(".tc"+i).show();});</script>
''' % (link1(c1[0][1], c1[0][2]), esc(c1[0][0]), link1(c1[1][1], c1[1][2]), esc(c1[1][0]),
       "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>' % (link1(ymd, aid), esc(t), esc(cut(t, 24)), d[5:]) for t, ymd, aid, d in c1[:8]),
       "\n".join('<li><a href="%s" target="_blank">%s</a></li>' % (l, esc(t)) for t, l, src, d in c2[:5])) + foot
    write(S, "index.html", home)
    pages = [
        page("/", "index.html", "text/html;charset=UTF-8", "home",
             {"feeds": [], "news_lists": ["/col/col12345/index.html", "/col/col12347/index.html", "/col/col12346/index.html", "/col/col12349/index.html"],
              "region_hint": "潍坊市", "zone_hint": "潍坊高新技术产业开发区"}),
        page("/col/col12345/index.html", "col/col12345/index.html", "text/html;charset=UTF-8", "list",
             {"items": [{"title": t, "link": link1(ymd, aid), "date": d} for t, ymd, aid, d in c1], "next_page": None,
              "notes": "Hanweb: 15 records inside <div id=36812><script type=text/xml><datastore><recordset><record><![CDATA[<li>...]]>; long titles cut to 28 chars + '...' with full title in title=. Further pages only via jpage.js POST to dataproxy.jsp (no static next link; nextgroup link is the proxy). Left 推荐阅读 box repeats some records (trap)."}),
        page("/col/col12349/index.html", "col/col12349/index.html", "text/html;charset=UTF-8", "list",
             {"items": [{"title": t, "link": l, "date": d} for t, l, src, d in c2], "next_page": "/col/col12349/index.html?uid=36820&pageNum=2",
              "notes": "媒体关注: already-rendered Hanweb default_pgContainer; items are div.mtgz-item, half link to other hosts (full URLs), titles cut to 24 chars + '...' (full in title=), dates as 2023年03月14日, each item has 来源：X line. Static pager link ?uid=36820&pageNum=2."}),
    ]
    arts = [
        (c1[0], "2023-03-15 10:26", "潍坊日报", [
            "3月14日下午，潍坊高新区召开2023年“项目突破年”动员大会，全面总结2022年项目建设工作，动员全区上下以更大力度抓项目、促投资、稳增长，奋力开创高质量发展新局面。",
            "会议通报了2022年度重点项目建设考核情况，对项目建设先进单位和先进个人进行了表彰。2022年，高新区实施过亿元重点项目136个，完成投资312亿元，潍柴新能源动力产业园、歌尔智能传感器产业园等一批重大项目建成投产。",
            "会议要求，全区上下要把项目建设作为经济工作的生命线，实行“一个项目、一名领导、一个专班、一抓到底”工作机制，聚焦动力装备、光电、生物医药等主导产业精准招商，全年力争新开工过亿元项目80个以上，完成固定资产投资增长12%以上。",
            "会上，各街道、各部门主要负责同志递交了项目建设目标责任书。",
        ]),
        (c1[2], "2023-03-13 17:05", "高新区经济发展局", [
            "3月13日，潍坊高新区2023年第一季度重点项目集中开工活动在潍柴国际配套产业园举行。本次集中开工项目19个，总投资168亿元，涵盖高端装备、新一代信息技术、新材料、现代服务业等领域。",
            "集中开工的项目中，投资10亿元以上项目6个，5亿元至10亿元项目5个，具有投资规模大、科技含量高、带动能力强的特点。其中，氢燃料电池核心零部件产业化项目建成后可形成年产2万套电堆的生产能力。",
            "高新区将坚持“要素跟着项目走”，全面落实项目全生命周期服务机制，加快推进项目建设，确保早竣工、早投产、早达效，为全区经济高质量发展注入强劲动能。",
        ]),
    ]
    for (t, ymd, aid, d), pub, src, ps in arts:
        f = link1(ymd, aid).lstrip("/")
        a = head(t + " 潍坊高新技术产业开发区", '''<meta name="ColumnName" content="高新要闻">
<meta name="ColumnType" content="新闻">
<meta name="ArticleTitle" content="%s">
<meta name="PubDate" content="%s">
<meta name="ContentSource" content="%s">
<meta name="Keywords" content="">
<meta name="Author" content="">
<meta name="Description" content="">
<meta name="Url" content="http://gxq.weifang.gov.cn/art/%s/art_12345_%d.html">
''' % (esc(t), pub, src, ymd, aid)) + '''<div class="w1200 main">
%s<div class="art-main">
<div class="art-tit">%s</div>
<div class="art-info"><span>发布日期：%s</span><span>信息来源：%s</span><span>浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid=12345&artid=%d"></script></span><span>字体：[ <a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a> ]</span></div>
<div class="art-con" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">%s<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</div>
<div class="art-fj"></div>
<div class="art-tools"><a href="javascript:window.print()">打印本页</a><a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="xgxx"><div class="t">相关信息</div><ul>
<li><a href="%s" target="_blank">%s</a></li>
<li><a href="%s" target="_blank">%s</a></li>
</ul></div>
</div>
''' % (crumbs("高新要闻", 12345), esc(t), pub, src, aid, paras_html(ps, ' style="text-indent:2em;font-size:16px;"'),
       link1(c1[5][1], c1[5][2]), esc(c1[5][0]), link1(c1[11][1], c1[11][2]), esc(c1[11][0])) + foot
        write(S, f, a)
        pages.append(page("/" + f, f, "text/html;charset=UTF-8", "article",
                          art_label(t, iso(pub), src, ps, ["浏览次数", "打印本页", "相关信息", c1[5][0], "当前位置", "字体"])))
    save_site(S, "Hanweb 大汉", pages)
    return S, pages

# ---------------------------------------------------------------- d03
# 政府信息公开 table list, 洛阳高新技术产业开发区 (河南). GB2312 bytes, header text/html without charset,
# only <meta http-equiv> names gb2312. Two list pages (list_105_1.html, list_105_2.html) + 2 articles.
def d03():
    S = "d03-gkml-gb2312-luoyang-hitech"
    G1, G2, G3 = "洛阳高新区管委会", "洛阳高新区管委会办公室", None
    r1 = [
        ("洛阳高新区管委会关于印发《洛阳高新区支持先进制造业高质量发展若干政策》的通知", G1, "洛高管〔2022〕58号", "2022-11-08", 2245871),
        ("洛阳高新区管委会办公室关于做好2022年冬季清洁取暖工作的通知", G2, "洛高管办〔2022〕41号", "2022-11-03", 2245633),
        ("洛阳高新区管委会关于公布2022年度区级重点实验室认定名单的通知", G1, "洛高管〔2022〕56号", "2022-10-28", 2245302),
        ("洛阳高新区管委会办公室关于印发《洛阳高新区安全生产专项整治三年行动巩固提升方案》的通知", G2, "洛高管办〔2022〕39号", "2022-10-21", 2244980),
        ("洛阳高新区管委会关于调整区优化营商环境工作领导小组成员的通知", G1, "洛高管〔2022〕54号", "2022-10-17", 2244712),
        ("洛阳高新区经济发展局关于开展2022年度工业企业技术改造项目申报工作的通知", "洛阳高新区经济发展局", "洛高经发〔2022〕23号", "2022-10-12", 2244455),
        ("洛阳高新区管委会关于印发《洛阳高新区促进科技成果转移转化实施办法》的通知", G1, "洛高管〔2022〕51号", "2022-09-29", 2243890),
        ("洛阳高新区财政金融局关于下达2022年第三批中小企业发展专项资金的通知", "洛阳高新区财政金融局", "洛高财〔2022〕37号", "2022-09-23", 2243611),
        ("洛阳高新区管委会办公室关于做好2022年国庆节期间安全生产工作的通知", G2, "洛高管办〔2022〕35号", "2022-09-22", 2243560),
        ("洛阳高新区管委会关于印发《洛阳高新区人才引进培养实施细则》的通知", G1, "洛高管〔2022〕49号", "2022-09-15", 2243208),
        ("洛阳高新区自然资源和规划分局关于辛店片区控制性详细规划的批前公示", "洛阳高新区自然资源和规划分局", "", "2022-09-09", 2242977),
        ("洛阳高新区管委会关于表彰2021年度经济社会发展先进单位的决定", G1, "洛高管〔2022〕46号", "2022-09-02", 2242650),
        ("洛阳高新区社会事务局关于做好2022年秋季学期学生资助工作的通知", "洛阳高新区社会事务局", "洛高社〔2022〕19号", "2022-08-30", 2242518),
        ("洛阳高新区管委会办公室关于印发《洛阳高新区防汛应急预案（2022年修订）》的通知", G2, "洛高管办〔2022〕31号", "2022-08-19", 2241906),
        ("洛阳高新区管委会关于进一步加强建设工程质量安全管理的意见", G1, "洛高管〔2022〕43号", "2022-08-12", 2241577),
    ]
    r2 = [
        ("洛阳高新区管委会关于印发《洛阳高新区“万人助万企”活动实施方案》的通知", G1, "洛高管〔2022〕41号", "2022-08-05", 2241203),
        ("洛阳高新区管委会办公室关于开展2022年“安全生产月”活动的通知", G2, "洛高管办〔2022〕27号", "2022-07-29", 2240866),
        ("洛阳高新区市场监管分局关于开展食品安全专项检查的通告", "洛阳高新区市场监管分局", "", "2022-07-25", 2240651),
        ("洛阳高新区管委会关于2022年上半年政府信息公开工作情况的通报", G1, "洛高管〔2022〕38号", "2022-07-20", 2240388),
        ("洛阳高新区管委会关于印发《洛阳高新区国有资产管理暂行办法》的通知", G1, "洛高管〔2022〕36号", "2022-07-12", 2239954),
        ("洛阳高新区经济发展局关于组织申报2022年度省级“专精特新”中小企业的通知", "洛阳高新区经济发展局", "洛高经发〔2022〕17号", "2022-07-06", 2239702),
        ("洛阳高新区管委会办公室关于进一步做好疫情防控常态化工作的通知", G2, "洛高管办〔2022〕24号", "2022-06-30", 2239431),
        ("洛阳高新区管委会关于印发《洛阳高新区创新型企业培育行动计划（2022-2025年）》的通知", G1, "洛高管〔2022〕33号", "2022-06-21", 2238980),
        ("洛阳高新区财政金融局关于2021年度区级部门决算公开的说明", "洛阳高新区财政金融局", "", "2022-06-15", 2238712),
        ("洛阳高新区管委会关于命名2022年度“洛阳高新区文明单位”的决定", G1, "洛高管〔2022〕30号", "2022-06-08", 2238405),
        ("洛阳高新区管委会办公室关于做好2022年端午节期间有关工作的通知", G2, "洛高管办〔2022〕21号", "2022-05-30", 2238011),
        ("洛阳高新区管委会关于印发《洛阳高新区2022年大气污染防治攻坚方案》的通知", G1, "洛高管〔2022〕27号", "2022-05-19", 2237560),
        ("洛阳高新区社会事务局关于2022年义务教育阶段学校招生工作的实施意见", "洛阳高新区社会事务局", "洛高社〔2022〕11号", "2022-05-12", 2237203),
        ("洛阳高新区管委会关于公布区级权责清单（2022年版）的通知", G1, "洛高管〔2022〕24号", "2022-04-28", 2236671),
        ("洛阳高新区管委会办公室关于印发《洛阳高新区2022年政务公开工作要点》的通知", G2, "洛高管办〔2022〕15号", "2022-04-20", 2236308),
    ]
    link = lambda d, n: "/xxgk/gkml/%s/c105_%d.html" % (d[:7].replace("-", ""), n)
    def idx(d, k):
        return "11410300MB1C53278K/%s-%05d" % (d[:4], k)
    head = lambda title: '''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>%s</title>
<meta name="SiteName" content="洛阳高新技术产业开发区管理委员会" />
<meta name="SiteIDCode" content="4103000051" />
<link type="text/css" rel="stylesheet" href="/xxgk/css/gk.css" />
<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>
</head>
<body>
<div id="top"><div class="top_con"><img src="/xxgk/images/gk_banner.jpg" alt="洛阳高新技术产业开发区政府信息公开" /></div></div>
<div id="menu"><ul>
<li><a href="/">网站首页</a></li>
<li><a href="/xxgk/">信息公开首页</a></li>
<li><a href="/xxgk/gkzn/">政府信息公开指南</a></li>
<li><a href="/xxgk/gkzd/">政府信息公开制度</a></li>
<li class="cur"><a href="/xxgk/gkml/list_105_1.html">法定主动公开内容</a></li>
<li><a href="/xxgk/gknb/">政府信息公开年报</a></li>
<li><a href="/xxgk/ysqgk/">依申请公开</a></li>
</ul></div>
''' % title
    foot = '''<div id="footer">
<p>主办单位：洛阳高新技术产业开发区管理委员会　　承办单位：洛阳高新区党政办公室</p>
<p>地址：洛阳市高新区丰华路6号　　邮编：471003　　联系电话：0379-64310000</p>
<p>网站标识码：4103000051　　<a href="https://beian.miit.gov.cn/" target="_blank">豫ICP备10001287号-2</a>　　豫公网安备 41030502000198号</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='https://dcs.conac.cn/js/17/000/0000/60800011/CA170000000608000110001.js' type='text/javascript'%3E%3C/script%3E"));</script></p>
</div>
</body>
</html>
'''
    tree = '''<div class="gk_left">
<div class="lt">信息公开目录</div>
<ul class="tree">
<li class="f"><a href="/xxgk/gkml/list_101_1.html">机构职能</a><ul><li><a href="/xxgk/gkml/list_1011_1.html">机构设置</a></li><li><a href="/xxgk/gkml/list_1012_1.html">领导信息</a></li><li><a href="/xxgk/gkml/list_1013_1.html">内设机构</a></li></ul></li>
<li class="f"><a href="/xxgk/gkml/list_104_1.html">法规文件</a></li>
<li class="f on"><a href="/xxgk/gkml/list_105_1.html">政策文件</a><ul><li class="on"><a href="/xxgk/gkml/list_105_1.html">管委会文件</a></li><li><a href="/xxgk/gkml/list_1052_1.html">部门文件</a></li><li><a href="/xxgk/gkml/list_1053_1.html">政策解读</a></li></ul></li>
<li class="f"><a href="/xxgk/gkml/list_106_1.html">规划计划</a></li>
<li class="f"><a href="/xxgk/gkml/list_107_1.html">财政资金</a></li>
<li class="f"><a href="/xxgk/gkml/list_108_1.html">人事信息</a></li>
<li class="f"><a href="/xxgk/gkml/list_109_1.html">重点领域信息</a></li>
<li class="f"><a href="/xxgk/gkml/list_110_1.html">建议提案办理</a></li>
</ul>
<div class="lt">按发布机构</div>
<ul class="jg">
<li><a href="/xxgk/gkml/org.html?orgid=1">管委会</a></li><li><a href="/xxgk/gkml/org.html?orgid=2">党政办公室</a></li><li><a href="/xxgk/gkml/org.html?orgid=3">经济发展局</a></li><li><a href="/xxgk/gkml/org.html?orgid=4">财政金融局</a></li><li><a href="/xxgk/gkml/org.html?orgid=5">社会事务局</a></li><li><a href="/xxgk/gkml/org.html?orgid=6">自然资源和规划分局</a></li>
</ul>
</div>
'''
    def listpage(rows, pn, base):
        trs = ""
        for i, (t, org, wh, d, n) in enumerate(rows):
            trs += '<tr%s>\n<td class="xh">%d</td>\n<td class="syh">%s</td>\n<td class="bt"><a href="%s" target="_blank">%s</a></td>\n<td class="jg">%s</td>\n<td class="wh">%s</td>\n<td class="rq">%s</td>\n</tr>\n' % (
                ' class="even"' if i % 2 else '', base + i + 1, idx(d, 400 - base - i), link(d, n), esc(t), org, wh or "&nbsp;", d)
        prev = '<a href="list_105_1.html">首页</a> <a href="list_105_%d.html">上一页</a>' % max(pn - 1, 1) if pn > 1 else '<span>首页</span> <span>上一页</span>'
        pager = '<div class="pagebar">共 52 条记录　第 %d/4 页　%s %s <a href="list_105_%d.html">下一页</a> <a href="list_105_4.html">尾页</a> 转到 <input type="text" id="gopage" size="2" /> <a href="javascript:void(0)" onclick="var p=document.getElementById(\'gopage\').value;location.href=\'list_105_\'+p+\'.html\'">GO</a></div>' % (
            pn, prev, " ".join(('<b>%d</b>' % k) if k == pn else '<a href="list_105_%d.html">%d</a>' % (k, k) for k in range(1, 5)), pn + 1)
        return head("管委会文件_洛阳高新区政府信息公开") + '''<div id="main">
%s<div class="gk_right">
<div class="position">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">政府信息公开</a> &gt;&gt; <a href="/xxgk/gkml/list_105_1.html">政策文件</a> &gt;&gt; 管委会文件</div>
<div class="search_gk"><form action="/xxgk/search.jsp" method="post">标题：<input type="text" name="title" /> 文号：<input type="text" name="wh" /> 索引号：<input type="text" name="syh" /> <input type="submit" value="检索" /></form></div>
<table class="gk_table" width="100%%" border="0" cellspacing="0" cellpadding="0">
<tr class="th"><th width="5%%">序号</th><th width="20%%">索引号</th><th>名称</th><th width="14%%">发文机关</th><th width="13%%">文号</th><th width="10%%">发文日期</th></tr>
%s</table>
%s
</div>
</div>
''' % (tree, trs, pager) + foot
    write(S, "xxgk/gkml/list_105_1.html", listpage(r1, 1, 0), "gb2312")
    write(S, "xxgk/gkml/list_105_2.html", listpage(r2, 2, 15), "gb2312")
    L = lambda rows: [{"title": t, "link": link(d, n), "date": d} for t, org, wh, d, n in rows]
    pages = [
        page("/xxgk/gkml/list_105_1.html", "xxgk/gkml/list_105_1.html", "text/html", "list",
             {"items": L(r1), "next_page": "/xxgk/gkml/list_105_2.html",
              "notes": "GB2312 bytes; Content-Type header has no charset, only <meta http-equiv> says gb2312. 政府信息公开 table: 序号/索引号/名称/发文机关/文号/发文日期; the only link in a row is the title. Left 目录 tree and 按发布机构 links are not items."}),
        page("/xxgk/gkml/list_105_2.html", "xxgk/gkml/list_105_2.html", "text/html", "list",
             {"items": L(r2), "next_page": "/xxgk/gkml/list_105_3.html",
              "notes": "Page 2 of 4; 下一页 -> list_105_3.html (not served)."}),
    ]
    arts = [
        (r1[0], "2022-11-08 15:30", "2022年11月07日", "工业、交通", [
            "各街道办事处，区直各部门，各有关单位：",
            "《洛阳高新区支持先进制造业高质量发展若干政策》已经管委会研究同意，现印发给你们，请结合实际认真贯彻落实。",
            "洛阳高新技术产业开发区管理委员会",
            "2022年11月7日",
            "洛阳高新区支持先进制造业高质量发展若干政策",
            "第一条 支持企业技术改造。对工业企业实施的设备投资额500万元以上的技术改造项目，按照设备投资额的8%给予补助，单个项目最高补助500万元。",
            "第二条 支持企业上规模。对首次纳入规模以上统计的工业企业，给予一次性奖励20万元；对年主营业务收入首次突破10亿元、50亿元、100亿元的企业，分别给予50万元、100万元、200万元奖励。",
            "第三条 支持创新平台建设。对新认定的国家级、省级企业技术中心，分别给予200万元、50万元一次性奖励。",
            "第四条 本政策自印发之日起施行，有效期至2025年12月31日，由洛阳高新区经济发展局负责解释。",
        ]),
        (r1[1], "2022-11-03 10:00", "2022年11月02日", "城乡建设、环境保护", [
            "各街道办事处，区直各有关部门，各有关单位：",
            "为切实做好我区2022年冬季清洁取暖工作，保障群众温暖过冬，现将有关事项通知如下：",
            "一、提高思想认识。各街道、各部门要充分认识清洁取暖工作的重要性，坚持“宜电则电、宜气则气”，确保群众取暖安全、温暖过冬。",
            "二、强化保障供应。区经济发展局要加强与燃气、供电企业的沟通协调，做好气源、电力保障；各街道要全面排查辖区取暖设施，建立问题台账，限期整改到位。",
            "三、加强安全管理。各街道要组织开展燃气安全、用电安全宣传，严防一氧化碳中毒和火灾事故发生。",
            "四、严格督导检查。区党政办公室将会同有关部门对清洁取暖工作开展情况进行督导检查，对工作不力的单位予以通报。",
            "洛阳高新技术产业开发区管理委员会办公室",
            "2022年11月2日",
            "（此件公开发布。联系人：区经济发展局 李明，联系电话：0379-64310125）",
        ]),
    ]
    for (t, org, wh, d, n), pub, cw, theme, ps in arts:
        f = link(d, n).lstrip("/")
        k = r1.index((t, org, wh, d, n))
        sig = {"洛阳高新技术产业开发区管理委员会", "洛阳高新技术产业开发区管理委员会办公室", "2022年11月7日", "2022年11月2日"}
        body = "\n".join('<p style="text-align:%s;">%s</p>' % ("right" if p in sig else "justify", html.escape(p, quote=False)) for p in ps)
        a = head(t + "_洛阳高新区政府信息公开") + '''<div id="main">
<div class="position">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">政府信息公开</a> &gt;&gt; <a href="/xxgk/gkml/list_105_1.html">政策文件</a> &gt;&gt; 管委会文件</div>
<div class="gk_detail">
<table class="xxgk_meta" width="100%%" border="0" cellspacing="0" cellpadding="0">
<tr><th>索&nbsp;引&nbsp;号：</th><td>%s</td><th>主题分类：</th><td>%s</td></tr>
<tr><th>发文机关：</th><td>%s</td><th>成文日期：</th><td>%s</td></tr>
<tr><th>标　　题：</th><td colspan="3">%s</td></tr>
<tr><th>发文字号：</th><td>%s</td><th>发布日期：</th><td>%s年%s月%s日</td></tr>
<tr><th>有&nbsp;效&nbsp;性：</th><td colspan="3">有效</td></tr>
</table>
<div class="detail_title"><h1>%s</h1><p class="wh">%s</p></div>
<div class="detail_info">发布时间：%s　来源：洛阳高新区管委会办公室　浏览次数：<span id="hits">--</span>　【字体：<a href="javascript:fontZoom(18)">大</a> <a href="javascript:fontZoom(16)">中</a> <a href="javascript:fontZoom(14)">小</a>】</div>
<div class="detail_con" id="UCAP-CONTENT">
%s
</div>
<div class="detail_fj"><span>附件下载：</span><a href="/xxgk/gkml/%s/P020%s%d.pdf">%s.pdf</a></div>
<div class="detail_tools"><a href="javascript:window.print();">打印</a> <a href="javascript:window.close();">关闭</a></div>
</div>
</div>
''' % (idx(d, 400 - k), theme, org, cw, esc(t), wh, d[:4], d[5:7], d[8:], esc(t), wh, pub, body, d[:7].replace("-", ""), d.replace("-", ""), n, esc(t)) + foot
        write(S, f, a, "gb2312")
        pages.append(page("/" + f, f, "text/html", "article",
                          art_label(t, iso(pub), "洛阳高新区管委会办公室", ps, [idx(d, 400 - k), "成文日期", "主题分类", "发文字号", "附件下载", "浏览次数", "当前位置"])))
    save_site(S, "政府信息公开", pages)
    return S, pages

# ---------------------------------------------------------------- d04
# Vue SPA, 株洲高新技术产业开发区 (湖南). List shell (kind other) whose list comes from
# /api/cms/article/list?channelId=3&pageNo=N&pageSize=15 (records carry only an id; detail address built in script
# as '/detail.html?id=' + item.id). Two JSON pages + 2 server-rendered detail pages.
def d04():
    S = "d04-vue-zhuzhou-hitech"
    j1 = [
        (8825, "株洲高新区26个重大项目集中开工 总投资212亿元", "2023-11-05 10:20", "株洲日报"),
        (8819, "中车株洲所新能源装备产业园项目主体结构封顶", "2023-11-03 16:45", "株洲高新区融媒体中心"),
        (8814, "株洲高新区召开2023年四季度经济工作调度会", "2023-11-02 18:10", "株洲高新区党政办"),
        (8806, "株洲高新区入选国家先进制造业和现代服务业融合发展试点", "2023-11-01 09:30", "湖南日报"),
        (8797, "天元区（株洲高新区）举办2023年秋季人才招聘会 提供岗位4600余个", "2023-10-31 17:20", "株洲高新区人社局"),
        (8790, "株洲高新区与中南大学签署产学研合作框架协议", "2023-10-30 11:05", "株洲日报"),
        (8781, "株洲高新区轨道交通产业链招商推介会在深圳举行", "2023-10-27 20:30", "株洲高新区投资促进局"),
        (8775, "株洲高新区开展安全生产“百日攻坚”专项行动", "2023-10-26 15:00", "株洲高新区应急管理局"),
        (8768, "株洲高新区前三季度规模工业增加值同比增长8.7%", "2023-10-25 10:40", "株洲高新区经发局"),
        (8760, "湖南省产业园区高质量发展现场推进会代表团来株洲高新区观摩", "2023-10-24 19:15", "株洲日报"),
        (8753, "株洲高新区政务服务中心上线“免证办”服务 127个事项实现免提交证照", "2023-10-20 09:50", "株洲高新区行政审批服务局"),
        (8747, "株洲高新区举办2023年中小企业融资对接会 意向授信18.5亿元", "2023-10-19 17:35", "株洲高新区金融办"),
        (8740, "株洲高新区召开第三批“揭榜挂帅”科技项目评审会", "2023-10-17 14:20", "株洲高新区科技局"),
        (8731, "株洲高新区新增3家国家级专精特新“小巨人”企业", "2023-10-13 11:00", "株洲高新区融媒体中心"),
        (8724, "株洲高新区组织开展2023年消防安全综合应急演练", "2023-10-11 16:30", "株洲高新区应急管理局"),
    ]
    j2 = [
        (8716, "株洲高新区举办庆祝新中国成立74周年“我和我的祖国”主题活动", "2023-09-28 15:10", "株洲高新区宣传部"),
        (8709, "株洲高新区召开2023年招商引资项目集中签约大会 签约项目31个", "2023-09-26 12:00", "株洲日报"),
        (8701, "中国动力谷自主创新园三期项目通过竣工验收", "2023-09-22 17:40", "株洲高新区融媒体中心"),
        (8695, "株洲高新区开展“企业服务日”活动 现场解决诉求46件", "2023-09-21 10:15", "株洲高新区党政办"),
        (8688, "株洲高新区获评湖南省2023年度优化营商环境先进园区", "2023-09-19 09:00", "湖南日报"),
        (8680, "株洲高新区新能源汽车产业链党建联盟成立", "2023-09-15 16:20", "株洲高新区组织部"),
        (8672, "株洲高新区召开第二届科技创新大会", "2023-09-13 18:00", "株洲日报"),
        (8665, "株洲高新区8个项目入选湖南省“五好”园区重点项目库", "2023-09-12 11:30", "株洲高新区经发局"),
        (8657, "株洲高新区开展第三季度重点项目建设“拉练”观摩", "2023-09-08 19:25", "株洲高新区融媒体中心"),
        (8650, "株洲高新区举办2023年“创响株洲”创新创业大赛决赛", "2023-09-06 17:00", "株洲高新区科技局"),
        (8642, "株洲高新区召开秋冬季大气污染防治工作部署会", "2023-09-04 16:10", "株洲高新区生态环境分局"),
        (8634, "株洲高新区2023年秋季学期新建学校全部如期开学", "2023-09-01 12:45", "株洲高新区教育局"),
        (8627, "株洲高新区开展“两新”组织党建工作专项督查", "2023-08-30 10:05", "株洲高新区组织部"),
        (8619, "株洲高新区与中国中车签署深化战略合作协议", "2023-08-28 20:10", "株洲日报"),
        (8612, "株洲高新区上半年实际利用外资同比增长21.4%", "2023-08-25 09:40", "株洲高新区商务局"),
    ]
    api = "/api/cms/article/list?channelId=3&pageNo=%d&pageSize=15"
    def js(rows, pn):
        recs = []
        for i, t, d, src in rows:
            recs.append({"id": i, "title": t, "subTitle": "", "channelId": 3, "channelName": "高新要闻", "source": src,
                         "publishDate": d + ":00", "coverImg": "/upload/cms/2023/%s/%d.jpg" % (d[5:7], i) if i % 3 == 0 else "",
                         "isTop": 0, "hits": 100 + (i * 7) % 900})
        return json.dumps({"code": 0, "msg": "操作成功", "data": {"total": 176, "pageNo": pn, "pageSize": 15, "pages": 12, "rows": recs}}, ensure_ascii=False)
    write(S, "api/list_p1.json", js(j1, 1))
    write(S, "api/list_p2.json", js(j2, 2))
    shell = '''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>高新要闻-株洲高新技术产业开发区</title>
<meta name="SiteName" content="株洲高新技术产业开发区">
<meta name="SiteIDCode" content="4302000032">
<link rel="stylesheet" href="/static/css/element-ui.min.css">
<link rel="stylesheet" href="/static/css/portal.css?v=20231012">
<script src="/static/js/vue.min.js"></script>
<script src="/static/js/axios.min.js"></script>
<script src="/static/js/element-ui.min.js"></script>
</head>
<body>
<div id="app" v-cloak>
  <header class="header">
    <div class="top"><div class="w"><span>欢迎访问株洲高新技术产业开发区（天元区）门户网站</span><a href="/wza/">无障碍</a><a href="/elder/">关怀版</a></div></div>
    <div class="logo-bar w"><a href="/index.html"><img src="/static/img/logo.png" alt="株洲高新区"></a>
      <div class="search"><el-input v-model="keyword" placeholder="请输入关键词" @keyup.enter.native="search"></el-input><el-button @click="search">搜索</el-button></div></div>
    <nav class="nav"><ul class="w">
      <li><a href="/index.html">首页</a></li>
      <li><a href="/portal/about.html">走进高新</a></li>
      <li class="active"><a href="/portal/news/list.html?code=gxyw">新闻中心</a></li>
      <li><a href="/portal/zwgk/index.html">政务公开</a></li>
      <li><a href="/portal/tzcj/index.html">投资促进</a></li>
      <li><a href="/portal/cyfz/index.html">产业发展</a></li>
      <li><a href="/portal/kjcx/index.html">科技创新</a></li>
      <li><a href="/portal/zwfw/index.html">政务服务</a></li>
      <li><a href="/portal/hdjl/index.html">互动交流</a></li>
    </ul></nav>
  </header>
  <div class="crumb w">当前位置：<a href="/index.html">首页</a> &gt; <a href="/portal/news/list.html?code=gxyw">新闻中心</a> &gt; <span>{{ channelName }}</span></div>
  <div class="main w">
    <aside class="side">
      <div class="side-title">新闻中心</div>
      <ul class="side-nav">
        <li :class="{on: channelId===3}"><a href="/portal/news/list.html?code=gxyw">高新要闻</a></li>
        <li><a href="/portal/news/list.html?code=tzgg">通知公告</a></li>
        <li><a href="/portal/news/list.html?code=bmdt">部门动态</a></li>
        <li><a href="/portal/news/list.html?code=mtbd">媒体报道</a></li>
      </ul>
      <div class="side-title">热门文章</div>
      <ol class="hot-list">
        <li v-for="(h, idx) in hotList" :key="h.id"><em>{{ idx + 1 }}</em><a :href="'/detail.html?id=' + h.id" :title="h.title">{{ h.title | ellipsis(16) }}</a></li>
      </ol>
    </aside>
    <section class="content">
      <div class="content-title">{{ channelName }}</div>
      <ul class="news-list" v-loading="loading">
        <li v-for="item in list" :key="item.id" @click="toDetail(item)">
          <span class="news-title" :title="item.title"><i v-if="item.isTop===1" class="top">置顶</i>{{ item.title }}</span>
          <span class="news-date">{{ item.publishDate | formatDate }}</span>
        </li>
        <li v-if="!loading && list.length===0" class="empty">暂无数据</li>
      </ul>
      <el-pagination background layout="total, prev, pager, next, jumper" :total="total" :page-size="pageSize" :current-page.sync="pageNo" @current-change="getList"></el-pagination>
    </section>
  </div>
  <footer class="footer"><div class="w">
    <p>主办单位：株洲高新技术产业开发区管理委员会 &nbsp; 承办单位：株洲高新区党政综合办公室</p>
    <p>地址：湖南省株洲市天元区黄河北路1515号 &nbsp; 网站标识码：4302000032</p>
    <p><a href="https://beian.miit.gov.cn/" target="_blank">湘ICP备05007781号-1</a> &nbsp; 湘公网安备 43021102000145号</p>
  </div></footer>
</div>
<script>
Vue.filter('formatDate', function (v) { return v ? String(v).substring(0, 10) : ''; });
Vue.filter('ellipsis', function (v, n) { return v && v.length > n ? v.slice(0, n) + '...' : v; });
new Vue({
  el: '#app',
  data: function () {
    return { keyword: '', channelId: 3, channelName: '高新要闻', list: [], hotList: [], total: 0, pageNo: 1, pageSize: 15, loading: false };
  },
  created: function () {
    this.getList(1);
    this.getHot();
  },
  methods: {
    getList: function (page) {
      var that = this;
      that.pageNo = page || 1;
      that.loading = true;
      axios.get('/api/cms/article/list', { params: { channelId: that.channelId, pageNo: that.pageNo, pageSize: that.pageSize } }).then(function (res) {
        if (res.data.code === 0) {
          that.list = res.data.data.rows;
          that.total = res.data.data.total;
        }
        that.loading = false;
      });
    },
    getHot: function () {
      var that = this;
      axios.get('/api/cms/article/hot', { params: { size: 8 } }).then(function (res) { that.hotList = res.data.data || []; });
    },
    toDetail: function (item) {
      window.open('/detail.html?id=' + item.id);
    },
    search: function () {
      window.location.href = '/portal/search.html?kw=' + encodeURIComponent(this.keyword);
    }
  }
});
</script>
</body>
</html>
'''
    write(S, "portal/news/list_gxyw.html", shell)
    JL = lambda rows: [{"title": t, "link": "/detail.html?id=%d" % i, "date": iso(d)} for i, t, d, src in rows]
    pages = [
        page("/portal/news/list.html?code=gxyw", "portal/news/list_gxyw.html", "text/html; charset=utf-8", "other",
             {"notes": "Vue 2 shell: the news list is empty in the HTML and filled client-side from the JSON API (axios params channelId, pageNo, pageSize); a click opens '/detail.html?id=' + item.id. Expected discovery: the JSON API below, not HTML rules.",
              "api": api % 1}),
        page(api % 1, "api/list_p1.json", "application/json;charset=UTF-8", "json",
             {"array_path": "data.rows", "items": JL(j1), "jsonp": False,
              "notes": "Records carry only id (no url); detail address is '/detail.html?id=' + id, built in the list page's script. publishDate is 'YYYY-MM-DD HH:MM:SS' local +08:00. Paged by pageNo."}),
        page(api % 2, "api/list_p2.json", "application/json;charset=UTF-8", "json",
             {"array_path": "data.rows", "items": JL(j2), "jsonp": False, "notes": "pageNo=2 of the same API."}),
    ]
    arts = [
        (j1[0], "株洲高新区融媒体中心 刘思远", [
            "11月5日，株洲高新区2023年第四季度重大项目集中开工仪式在株洲经开区智能制造产业园举行，26个重大项目集中开工，总投资212亿元。",
            "本次集中开工项目涵盖轨道交通、新能源汽车、航空航天、新材料等主导产业，其中产业项目21个，投资额占比超过85%。中车株洲电机新能源电机扩能项目、株洲硬质合金精密工具产业化项目等一批带动性强的项目位列其中。",
            "据了解，今年以来，株洲高新区坚持“项目为王”，深入开展“产业项目建设年”活动，全区累计新开工亿元以上项目83个，完成产业投资同比增长14.2%。",
            "下一步，株洲高新区将强化要素保障和全程服务，推动开工项目早建成、早投产、早达效，为建设具有核心竞争力的科技创新高地提供坚实支撑。",
        ]),
        (j1[3], "湖南日报记者 陈可", [
            "近日，国家发展改革委公布2023年度先进制造业和现代服务业融合发展试点名单，株洲高新区成功入选，成为全省入选的2家园区之一。",
            "近年来，株洲高新区围绕轨道交通、航空动力等优势产业，推动研发设计、检验检测、供应链金融等生产性服务业与制造业深度融合，培育了一批服务型制造示范企业和平台。",
            "株洲高新区相关负责人表示，将以此次入选为契机，加快建设工业互联网平台和公共服务平台，推动制造业企业向“制造+服务”转型，力争到2025年培育两业融合示范企业30家以上。",
        ]),
    ]
    for (i, t, d, src), author, ps in arts:
        f = "detail_%d.html" % i
        k = j1.index((i, t, d, src))
        a = '''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>%s-株洲高新技术产业开发区</title>
<meta name="ArticleTitle" content="%s">
<meta name="PubDate" content="%s">
<meta name="ContentSource" content="%s">
<link rel="stylesheet" href="/static/css/portal.css?v=20231012">
<script src="/static/js/jquery.min.js"></script>
</head>
<body>
<div class="top"><div class="w"><span>欢迎访问株洲高新技术产业开发区（天元区）门户网站</span><a href="/wza/">无障碍</a><a href="/elder/">关怀版</a></div></div>
<div class="logo-bar w"><a href="/index.html"><img src="/static/img/logo.png" alt="株洲高新区"></a></div>
<nav class="nav"><ul class="w">
<li><a href="/index.html">首页</a></li><li><a href="/portal/about.html">走进高新</a></li><li class="active"><a href="/portal/news/list.html?code=gxyw">新闻中心</a></li><li><a href="/portal/zwgk/index.html">政务公开</a></li><li><a href="/portal/tzcj/index.html">投资促进</a></li><li><a href="/portal/cyfz/index.html">产业发展</a></li><li><a href="/portal/kjcx/index.html">科技创新</a></li><li><a href="/portal/zwfw/index.html">政务服务</a></li><li><a href="/portal/hdjl/index.html">互动交流</a></li>
</ul></nav>
<div class="crumb w">当前位置：<a href="/index.html">首页</a> &gt; <a href="/portal/news/list.html?code=gxyw">新闻中心</a> &gt; <a href="/portal/news/list.html?code=gxyw">高新要闻</a> &gt; 正文</div>
<div class="detail w">
  <h1 class="detail-title">%s</h1>
  <div class="detail-meta"><span>来源：%s</span><span>作者：%s</span><span>发布时间：%s</span><span>阅读量：<b id="hits">0</b></span></div>
  <div class="detail-content" id="content">
%s
  </div>
  <div class="detail-share">分享到：<a href="javascript:;" class="wechat">微信</a> <a href="javascript:;" class="weibo">微博</a></div>
  <div class="detail-nav"><p>上一篇：<a href="/detail.html?id=%d">%s</a></p><p>下一篇：%s</p></div>
</div>
<footer class="footer"><div class="w">
<p>主办单位：株洲高新技术产业开发区管理委员会 &nbsp; 承办单位：株洲高新区党政综合办公室</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">湘ICP备05007781号-1</a> &nbsp; 网站标识码：4302000032</p>
</div></footer>
<script>$.get('/api/cms/article/hits', {id: %d}, function (r) { $('#hits').text(r.data); });</script>
</body>
</html>
''' % (esc(t), esc(t), d, src, esc(t), src, author, d, paras_html(ps, ' style="text-indent:2em;"'),
       j1[k + 1][0], esc(j1[k + 1][1]),
       ('<a href="/detail.html?id=%d">%s</a>' % (j1[k - 1][0], esc(j1[k - 1][1]))) if k > 0 else '没有了', i)
        write(S, f, a)
        pages.append(page("/detail.html?id=%d" % i, f, "text/html; charset=utf-8", "article",
                          art_label(t, iso(d), src, ps, ["作者：", "阅读量", "分享到", "上一篇", "下一篇", "当前位置"])))
    save_site(S, "Vue SPA + JSON API", pages)
    return S, pages

# ---------------------------------------------------------------- d05
# JSONP API with epoch-millisecond dates, 南宁经济技术开发区 (广西). Home + list shell (kind other) + JSONP + 2 articles.
def d05():
    S = "d05-jsonp-nanning-etdz"
    rows = [
        (58231, "南宁经开区召开2022年四季度重大项目建设推进会", "2022-10-11 10:30", "南宁日报"),
        (58219, "南宁经开区7个项目集中签约 总投资超60亿元", "2022-10-10 17:45", "南宁经开区投资促进局"),
        (58202, "上汽通用五菱南宁基地新能源汽车零部件项目投产", "2022-10-09 15:20", "广西日报"),
        (58187, "南宁经开区学习宣传贯彻自治区第十二次党代会精神宣讲活动启动", "2022-10-08 11:00", "南宁经开区党政办"),
        (58160, "南宁经开区开展国庆假期安全生产和疫情防控检查", "2022-10-06 19:10", "南宁经开区应急管理局"),
        (58141, "南宁经开区举办面向东盟的跨境产业合作对接会", "2022-09-30 16:00", "南宁经开区商务局"),
        (58126, "南宁经开区获评广西高质量发展先进园区", "2022-09-29 09:40", "广西日报"),
        (58110, "南宁经开区召开“能力作风建设年”活动推进会", "2022-09-28 18:30", "南宁经开区党政办"),
        (58097, "南宁经开区那洪片区城市更新项目启动建设", "2022-09-27 12:15", "南宁经开区建设局"),
        (58083, "南宁经开区举办2022年中国—东盟博览会配套经贸活动", "2022-09-19 20:05", "南宁经开区投资促进局"),
        (58064, "南宁经开区前8个月规模以上工业总产值同比增长15.6%", "2022-09-16 10:50", "南宁经开区经济发展局"),
        (58052, "南宁经开区开展中秋节走访慰问困难群众活动", "2022-09-09 16:40", "南宁经开区社会事务局"),
    ]
    link = lambda cid, d: "/xwzx/jkyw/%s/content_%d.html" % (d[:7], cid)
    api = "/cms/api/front/contentList.do?callback=newsListCb&channelId=1024&pageIndex=1&pageSize=12"
    recs = [{"contentId": cid, "title": t, "shortTitle": cut(t, 18), "linkUrl": link(cid, d), "releaseTime": ms(d),
             "source": src, "hits": 200 + cid % 700, "imgUrl": ""} for cid, t, d, src in rows]
    body = "newsListCb(" + json.dumps({"success": True, "message": "", "result": {"pageIndex": 1, "pageSize": 12, "totalCount": 245, "list": recs}}, ensure_ascii=False) + ");"
    write(S, "cms/api/front/contentList_1024_p1.js", body)
    nav = '''<div class="nav"><div class="wrap"><ul>
<li><a href="/">首页</a></li>
<li><a href="/zjjkq/">走进经开</a></li>
<li><a href="/xwzx/">新闻资讯</a></li>
<li><a href="/zwgk/">政务公开</a></li>
<li><a href="/tzcj/">投资促进</a></li>
<li><a href="/cyfz/">产业发展</a></li>
<li><a href="/yshj/">营商环境</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li>
<li><a href="/dyxx/">对外开放</a></li>
</ul></div></div>'''
    def head(title, extra=""):
        return '''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>%s</title>
<meta name="SiteName" content="南宁经济技术开发区">
<meta name="SiteDomain" content="www.nnjkq.gov.cn">
<meta name="SiteIDCode" content="4501000077">
%s<link rel="stylesheet" href="/static/css/common.css">
<script src="/static/js/jquery-1.12.4.min.js"></script>
</head>
<body>
<div class="header"><div class="wrap"><a class="logo" href="/"><img src="/static/images/logo.png" alt="南宁经济技术开发区"></a>
<div class="hd-r"><div class="hd-links"><a href="/wza/">无障碍</a><a href="/mobile/">手机版</a><a href="http://www.nanning.gov.cn/" target="_blank">南宁市人民政府</a></div>
<form class="hd-search" action="/search/index.html" method="get"><input type="text" name="keyword" placeholder="搜索本站内容"><button>搜索</button></form></div></div></div>
''' % (title, extra) + nav + "\n"
    foot = '''<div class="footer"><div class="wrap">
<p>主办单位：南宁经济技术开发区管理委员会 &nbsp; 地址：南宁市江南区星光大道219号</p>
<p>网站标识码：4501000077 &nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">桂ICP备05006542号</a> &nbsp; 桂公网安备 45010502000231号</p>
<p><span id="_ideConac"></span><script id="_jiucuo_" sitecode="4501000077" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></p>
</div></div>
<script>
var _hmt = _hmt || [];
(function() { var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?3c5a1f0e8b7d4a29"; var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
</script>
</body>
</html>
'''
    shell = head("经开要闻_南宁经济技术开发区") + '''<div class="wrap main clearfix">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻资讯</a> &gt; <a href="/xwzx/jkyw/">经开要闻</a></div>
<div class="side">
<h3>新闻资讯</h3>
<ul class="sub-nav">
<li class="on"><a href="/xwzx/jkyw/">经开要闻</a></li>
<li><a href="/xwzx/tzgg/">通知公告</a></li>
<li><a href="/xwzx/bmdt/">部门动态</a></li>
<li><a href="/xwzx/mtjj/">媒体聚焦</a></li>
<li><a href="/xwzx/spxw/">视频新闻</a></li>
</ul>
<div class="side-box"><h3>推荐阅读</h3>
<ul class="tj">
<li><a href="/xwzx/tzgg/2022-09/content_58120.html">南宁经开区2022年下半年公开招聘工作人员公告</a></li>
<li><a href="/xwzx/tzgg/2022-09/content_58077.html">关于开展2022年度企业研发奖补申报的通知</a></li>
<li><a href="/zwgk/zcjd/2022-08/content_57712.html">图解：南宁经开区支持工业企业稳增长十条措施</a></li>
<li><a href="/xwzx/tzgg/2022-08/content_57690.html">南宁经开区2022年秋季学期学位申请指南</a></li>
</ul></div>
</div>
<div class="content">
<div class="ct-title"><span>经开要闻</span></div>
<ul class="news-list" id="newsList">
<li class="loading">数据加载中...</li>
</ul>
<div class="pager" id="pager"></div>
</div>
</div>
<script type="text/javascript">
function pad(n){ return n < 10 ? '0' + n : '' + n; }
function fmt(ts){ var d = new Date(ts); return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }
function loadList(page){
    $.ajax({
        url: '/cms/api/front/contentList.do',
        type: 'GET',
        dataType: 'jsonp',
        jsonp: 'callback',
        jsonpCallback: 'newsListCb',
        cache: true,
        data: { channelId: '1024', pageIndex: page, pageSize: 12 },
        success: function(res){
            if(!res.success){ return; }
            var html = '';
            $.each(res.result.list, function(i, item){
                html += '<li><a href="' + item.linkUrl + '" target="_blank" title="' + item.title + '">' + item.shortTitle + '</a><span class="time">' + fmt(item.releaseTime) + '</span></li>';
            });
            $('#newsList').html(html);
            renderPager(res.result.pageIndex, Math.ceil(res.result.totalCount / res.result.pageSize));
        }
    });
}
function renderPager(cur, total){
    var h = '<a href="javascript:loadList(1)">首页</a>';
    if(cur > 1) h += '<a href="javascript:loadList(' + (cur - 1) + ')">上一页</a>';
    h += '<span>' + cur + '/' + total + '</span>';
    if(cur < total) h += '<a href="javascript:loadList(' + (cur + 1) + ')">下一页</a>';
    $('#pager').html(h);
}
$(function(){ loadList(1); });
</script>
''' + foot
    write(S, "xwzx/jkyw/index.html", shell)
    home = head("南宁经济技术开发区", '<meta name="keywords" content="南宁经开区,南宁经济技术开发区,国家级经济技术开发区">\n') + '''<div class="wrap idx-top clearfix">
<div class="focus"><ul>
<li><a href="%s" target="_blank"><img src="/uploads/2022/10/11/focus1.jpg" alt=""><p>%s</p></a></li>
<li><a href="%s" target="_blank"><img src="/uploads/2022/10/10/focus2.jpg" alt=""><p>%s</p></a></li>
<li><a href="%s" target="_blank"><img src="/uploads/2022/10/09/focus3.jpg" alt=""><p>%s</p></a></li>
</ul></div>
<div class="idx-news">
<div class="hd"><a class="cur" href="/xwzx/jkyw/">经开要闻</a><a href="/xwzx/tzgg/">通知公告</a><a href="/xwzx/bmdt/">部门动态</a><a class="more" href="/xwzx/jkyw/">更多+</a></div>
<div class="headline"><a href="%s" target="_blank">%s</a></div>
<ul id="idxNews">
%s
</ul>
</div>
</div>
<div class="wrap idx-mid">
<div class="col tzgg"><h3><a href="/xwzx/tzgg/">通知公告</a></h3><ul>
<li><a href="/xwzx/tzgg/2022-09/content_58120.html">南宁经开区2022年下半年公开招聘工作人员公告</a><span>09-29</span></li>
<li><a href="/xwzx/tzgg/2022-09/content_58077.html">关于开展2022年度企业研发奖补申报的通知</a><span>09-15</span></li>
<li><a href="/xwzx/tzgg/2022-08/content_57690.html">南宁经开区2022年秋季学期学位申请指南</a><span>08-12</span></li>
</ul></div>
<div class="col zcjd"><h3><a href="/zwgk/zcjd/">政策解读</a></h3><ul>
<li><a href="/zwgk/zcjd/2022-08/content_57712.html">图解：南宁经开区支持工业企业稳增长十条措施</a></li>
<li><a href="/zwgk/zcjd/2022-07/content_57401.html">一图读懂《南宁经开区招商引资优惠政策》</a></li>
</ul></div>
<div class="col bs"><h3>办事服务</h3><ul class="ico">
<li><a href="http://zwfw.gxzf.gov.cn/" target="_blank">广西数字政务一体化平台</a></li><li><a href="/zwfw/bszn/">办事指南</a></li><li><a href="/hdjl/zxly/">在线留言</a></li><li><a href="/hdjl/zjdc/">征集调查</a></li>
</ul></div>
</div>
''' % (link(rows[0][0], rows[0][2]), esc(rows[0][1]), link(rows[1][0], rows[1][2]), esc(rows[1][1]), link(rows[2][0], rows[2][2]), esc(rows[2][1]),
       link(rows[0][0], rows[0][2]), esc(rows[0][1]),
       "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>' % (link(c, d), esc(t), esc(cut(t, 20)), d[5:10]) for c, t, d, s in rows[1:7])) + foot
    write(S, "index.html", home)
    pages = [
        page("/", "index.html", "text/html; charset=utf-8", "home",
             {"feeds": [], "news_lists": ["/xwzx/jkyw/", "/xwzx/tzgg/", "/xwzx/bmdt/"], "region_hint": "南宁市", "zone_hint": "南宁经济技术开发区"}),
        page("/xwzx/jkyw/", "xwzx/jkyw/index.html", "text/html; charset=utf-8", "other",
             {"notes": "List shell: <ul id=newsList> holds only 数据加载中...; items come from the JSONP API (jQuery dataType jsonp, jsonpCallback newsListCb, cache:true so the URL is ?callback=newsListCb&channelId=1024&pageIndex=1&pageSize=12). Pager is javascript:loadList(n). Sidebar 推荐阅读 links are not the list.",
              "api": api}),
        page(api, "cms/api/front/contentList_1024_p1.js", "application/javascript;charset=UTF-8", "json",
             {"array_path": "result.list", "items": [{"title": t, "link": link(cid, d), "date": iso(d)} for cid, t, d, src in rows], "jsonp": True,
              "notes": "Body is newsListCb({...}); releaseTime is epoch milliseconds of the +08:00 local time; use title (shortTitle is cut with ...); linkUrl root-relative."}),
    ]
    arts = [
        (rows[0], [
            "10月11日，南宁经开区召开2022年第四季度重大项目建设推进会，通报前三季度重大项目建设情况，分析存在问题，部署第四季度项目建设工作。",
            "今年以来，南宁经开区统筹推进疫情防控和项目建设，前三季度68个自治区、市级重大项目完成投资143.6亿元，完成年度计划的81.5%。一批新能源汽车零部件、生物医药和电子信息项目建成投产，为园区经济增长提供有力支撑。",
            "会议要求，各部门要对照年度目标任务，实行项目建设“周调度、月通报”，对进度滞后的项目逐一分析原因、逐项制定措施；要主动做好用地、用能、融资等要素保障，全力冲刺全年目标。",
            "南宁经开区党工委、管委会领导班子成员，各部门、各有关单位负责同志参加会议。",
        ]),
        (rows[1], [
            "10月10日下午，南宁经开区举行重点项目集中签约仪式，7个项目现场签约，总投资超60亿元，涉及新能源汽车零部件、高端装备制造、现代物流等领域。",
            "签约项目中，新能源汽车电驱动系统生产基地项目计划总投资18亿元，建成后将形成年产30万套电驱动系统的生产能力；面向东盟的冷链物流中心项目将进一步完善园区国际物流服务功能。",
            "南宁经开区主要负责同志在签约仪式上表示，将为签约项目提供“保姆式”服务，推动项目快落地、快建设、快投产，与企业携手共赢发展。",
        ]),
    ]
    for (cid, t, d, src), ps in arts:
        f = link(cid, d).lstrip("/")
        a = head(t + "_南宁经济技术开发区") + '''<div class="wrap main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻资讯</a> &gt; <a href="/xwzx/jkyw/">经开要闻</a> &gt; 正文</div>
<div class="art">
<h1 class="art-tit">%s</h1>
<div class="art-meta"><span>发布时间：%s</span><span>信息来源：%s</span><span>点击数：<em id="clickNum"></em></span><span class="font">【字号 <a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> <a href="javascript:setFont(14)">小</a>】</span></div>
<div class="art-body" id="artBody">
%s
</div>
<div class="art-editor">责任编辑：黄丽娟</div>
<div class="art-tools"><a href="javascript:window.print()">打印</a><a href="javascript:window.close()">关闭</a></div>
</div>
<div class="art-related"><h3>相关新闻</h3><ul>
<li><a href="%s">%s</a></li><li><a href="%s">%s</a></li>
</ul></div>
</div>
<script>$.getJSON('/cms/api/front/hits.do?contentId=%d&callback=?', function(r){ $('#clickNum').text(r.hits); });</script>
''' % (esc(t), d, src, paras_html(ps), link(rows[6][0], rows[6][2]), esc(rows[6][1]), link(rows[9][0], rows[9][2]), esc(rows[9][1]), cid) + foot
        write(S, f, a)
        pages.append(page("/" + f, f, "text/html; charset=utf-8", "article",
                          art_label(t, iso(d), src, ps, ["责任编辑", "点击数", "相关新闻", rows[6][1], "当前位置"])))
    save_site(S, "custom JSONP API", pages)
    return S, pages

# ---------------------------------------------------------------- d06
# GBK, 贵阳国家高新技术产业开发区 (贵州). Items are <div onclick="window.open('...')"> with no <a>; date split
# <span class="day">11</span><span class="ym">2024-05</span>; titles cut with ... (full in title=). Two list pages + 2 articles.
def d06():
    S = "d06-gbk-onclick-guiyang-hitech"
    p1 = [
        ("贵阳高新区召开2024年“强省会”行动重点项目调度会", 83912, "2024-05-11"),
        ("贵阳高新区9个项目集中签约 总投资52.8亿元", 83897, "2024-05-10"),
        ("贵阳大数据科创城数字经济产业园二期项目主体完工", 83881, "2024-05-09"),
        ("贵阳高新区举办2024数博会“数字技术赋能实体经济”专场活动", 83866, "2024-05-08"),
        ("贵阳高新区开展“五一”节后复工复产安全生产大检查", 83840, "2024-05-06"),
        ("贵阳高新区获评全国双创示范基地建设成效明显单位", 83812, "2024-04-30"),
        ("贵阳高新区召开2024年一季度经济运行分析会", 83799, "2024-04-29"),
        ("贵阳高新区与贵州大学共建数字经济产业学院", 83770, "2024-04-26"),
        ("贵阳高新区“人才周”活动发布岗位2300余个", 83758, "2024-04-25"),
        ("贵阳高新区新增4家省级企业技术中心", 83731, "2024-04-23"),
        ("贵阳高新区开展优化营商环境“集中攻坚年”专项行动", 83720, "2024-04-22"),
        ("贵阳高新区举办2024年知识产权宣传周启动仪式", 83702, "2024-04-20"),
    ]
    p2 = [
        ("贵阳高新区一季度规上工业增加值同比增长11.3%", 83688, "2024-04-18"),
        ("贵阳高新区召开党风廉政建设和反腐败工作会议", 83671, "2024-04-17"),
        ("贵阳高新区算力产业联盟成立大会暨算力供需对接会举行", 83655, "2024-04-15"),
        ("贵阳高新区组织开展清明节文明祭扫和森林防火宣传", 83630, "2024-04-03"),
        ("贵阳高新区召开2024年招商引资工作推进会", 83611, "2024-04-01"),
        ("贵阳高新区赴长三角开展数字经济产业招商活动", 83597, "2024-03-29"),
        ("贵阳高新区企业服务中心推出“一企一管家”服务模式", 83580, "2024-03-27"),
        ("贵阳高新区2024年第一批科技型企业研发投入后补助资金拨付到位", 83566, "2024-03-25"),
        ("贵阳高新区开展“3·15”国际消费者权益日宣传活动", 83540, "2024-03-15"),
        ("贵阳高新区举办2024年春季高校毕业生专场招聘会", 83522, "2024-03-12"),
        ("贵阳高新区召开2024年安全生产工作会议", 83507, "2024-03-08"),
        ("贵阳高新区中小企业“专精特新”培育工作推进会召开", 83491, "2024-03-05"),
    ]
    link = lambda n, d: "/xwzx/gxdt/%s/%s/%d.shtml" % (d[:4], d[5:7] + d[8:], n)
    summ = {
        83912: "5月11日，贵阳高新区召开“强省会”行动重点项目调度会，听取重点项目推进情况汇报，协调解决项目建设中的困难和问题。",
        83897: "5月10日，贵阳高新区举行重点项目集中签约仪式，9个项目现场签约，涵盖数字经济、大健康、先进制造等领域。",
    }
    def head(title):
        return '''<!DOCTYPE html>
<html>
<head>
<meta charset="gbk">
<title>%s</title>
<meta name="SiteName" content="贵阳国家高新技术产业开发区">
<meta name="SiteDomain" content="www.gygx.gov.cn">
<meta name="SiteIDCode" content="5201000089">
<link rel="stylesheet" type="text/css" href="/css/style.css">
<script type="text/javascript" src="/js/jquery-1.9.1.min.js"></script>
<script type="text/javascript" src="/js/common.js"></script>
</head>
<body>
<div class="head-top"><div class="w1200"><span class="fl">今天是：<span id="nowDate"></span></span><span class="fr"><a href="/wza/">无障碍</a>｜<a href="/lhb/">关怀版</a>｜<a href="/sjb/">手机版</a>｜<a href="http://www.guiyang.gov.cn/" target="_blank">贵阳市人民政府</a></span></div></div>
<div class="head w1200"><a href="/"><img src="/images/logo.png" alt="贵阳国家高新技术产业开发区"></a><div class="search"><input id="kw" type="text" value="" placeholder="请输入关键字"><a href="javascript:;" onclick="window.open('/search/index.shtml?kw='+encodeURIComponent($('#kw').val()))">搜索</a></div></div>
<div class="menu"><ul class="w1200">
<li><a href="/">首页</a></li>
<li><a href="/zjgx/">走进高新</a></li>
<li class="on"><a href="/xwzx/">新闻中心</a></li>
<li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zsyz/">招商引资</a></li>
<li><a href="/szjj/">数字经济</a></li>
<li><a href="/kjcx/">科技创新</a></li>
<li><a href="/rcfw/">人才服务</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li>
<li><a href="/ztzl/">专题专栏</a></li>
</ul></div>
''' % title
    foot = '''<div class="footer"><div class="w1200">
<div class="f-links">友情链接：<a href="http://www.gov.cn/" target="_blank">中国政府网</a> <a href="http://www.guizhou.gov.cn/" target="_blank">贵州省人民政府</a> <a href="http://www.guiyang.gov.cn/" target="_blank">贵阳市人民政府</a> <a href="http://www.gaxq.gov.cn/" target="_blank">贵安新区</a></div>
<p>主办单位：贵阳国家高新技术产业开发区管理委员会　承办单位：贵阳高新区党政办公室</p>
<p>地址：贵州省贵阳市观山湖区长岭南路高新区管委会大楼　联系电话：0851-84700000</p>
<p>网站标识码：5201000089　<a href="https://beian.miit.gov.cn/" target="_blank">黔ICP备05002213号-1</a>　黔公网安备 52011502000317号</p>
</div></div>
<script type="text/javascript">
$(function(){ var d = new Date(); $("#nowDate").text(d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日"); });
</script>
</body>
</html>
'''
    hot = [("关于贵阳高新区2024年第一批科技创新券兑付的公示", "/xwzx/tzgg/2024/0508/83860.shtml", "05-08"),
           ("贵阳高新区2024年公开招聘社区工作者简章", "/xwzx/tzgg/2024/0426/83775.shtml", "04-26"),
           ("贵阳高新区数字经济产业扶持政策（2024年修订）", "/zwgk/zcwj/2024/0415/83650.shtml", "04-15"),
           ("贵阳高新区2023年国民经济和社会发展统计公报", "/zwgk/tjxx/2024/0328/83590.shtml", "03-28"),
           ("关于开展2024年度“专精特新”企业申报工作的通知", "/xwzx/tzgg/2024/0301/83470.shtml", "03-01")]
    def side():
        h = '''<div class="side">
<div class="side-t"><h3>新闻中心</h3></div>
<ul class="side-nav">
<li class="cur"><a href="/xwzx/gxdt/index.shtml">高新动态</a></li>
<li><a href="/xwzx/tzgg/index.shtml">通知公告</a></li>
<li><a href="/xwzx/bmdt/index.shtml">部门动态</a></li>
<li><a href="/xwzx/mtgz/index.shtml">媒体关注</a></li>
<li><a href="/xwzx/tpxw/index.shtml">图片新闻</a></li>
</ul>
<div class="side-t"><h3>热点排行</h3></div>
<ul class="hot-rank">
'''
        for i, (t, l, d) in enumerate(hot):
            h += '<li><span class="num n%d">%d</span><a href="%s" target="_blank" title="%s">%s</a><em>%s</em></li>\n' % (i + 1, i + 1, l, esc(t), esc(cut(t, 14)), d)
        h += '''</ul>
<div class="side-ad"><a href="/ztzl/qsh/index.shtml"><img src="/images/zt_qsh.jpg" alt="实施“强省会”五年行动"></a><a href="/ztzl/yshj/index.shtml"><img src="/images/zt_yshj.jpg" alt="优化营商环境"></a></div>
</div>
'''
        return h
    def item(t, n, d):
        s = summ.get(n, "")
        return '''<div class="news-item" onclick="window.open('%s')">
<div class="news-date"><span class="day">%s</span><span class="ym">%s</span></div>
<div class="news-txt"><h4 title="%s">%s</h4>%s</div>
</div>''' % (link(n, d), d[8:], d[:7], esc(t), esc(cut(t, 22)), ('<p>%s</p>' % esc(s)) if s else '<p></p>')
    def listpage(items, pn):
        nums = "".join(('<a class="on">%d</a>' % k) if k == pn else '<a href="%s">%d</a>' % ("index.shtml" if k == 1 else "index_%d.shtml" % k, k) for k in range(1, 6))
        prev = '<a class="disabled" href="javascript:;">上一页</a>' if pn == 1 else '<a href="%s">上一页</a>' % ("index.shtml" if pn == 2 else "index_%d.shtml" % (pn - 1))
        return head("高新动态-贵阳国家高新技术产业开发区") + '''<div class="w1200 main clearfix">
%s<div class="cont">
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <span>高新动态</span></div>
<div class="cont-t"><h2>高新动态</h2></div>
<div class="news-box">
%s
</div>
<div class="fenye"><a href="index.shtml">首页</a>%s%s<span>...</span><a href="index_%d.shtml">下一页</a><a href="index_26.shtml">末页</a><span class="total">共26页</span></div>
</div>
</div>
''' % (side(), "\n".join(item(*x) for x in items), prev, nums, pn + 1) + foot
    write(S, "xwzx/gxdt/index.shtml", listpage(p1, 1), "gbk")
    write(S, "xwzx/gxdt/index_2.shtml", listpage(p2, 2), "gbk")
    L = lambda items: [{"title": t, "link": link(n, d), "date": d} for t, n, d in items]
    pages = [
        page("/xwzx/gxdt/index.shtml", "xwzx/gxdt/index.shtml", "text/html", "list",
             {"items": L(p1), "next_page": "/xwzx/gxdt/index_2.shtml",
              "notes": "GBK bytes; header text/html without charset, <meta charset=gbk>. Each item is <div class=news-item onclick=\"window.open('...')\"> with no <a>; title cut to 22 chars + '...' in <h4>, full title in its title attribute; date split <span class=day>11</span><span class=ym>2024-05</span>. Sidebar 热点排行 (<a> with dates) is a trap."}),
        page("/xwzx/gxdt/index_2.shtml", "xwzx/gxdt/index_2.shtml", "text/html", "list",
             {"items": L(p2), "next_page": "/xwzx/gxdt/index_3.shtml",
              "notes": "Page 2; 下一页 -> index_3.shtml (not served)."}),
    ]
    arts = [
        (p1[0], "2024-05-11 15:20", "贵阳日报", "记者 王琳", [
            "5月11日，贵阳高新区召开2024年“强省会”行动重点项目调度会，听取重点项目推进情况汇报，现场协调解决项目建设中的困难和问题，安排部署下一阶段工作。",
            "会议指出，今年以来，贵阳高新区坚持把项目建设作为“强省会”行动的主抓手，全区42个省市重点项目累计完成投资58.3亿元，完成年度计划的41.2%，项目建设总体进展顺利。",
            "会议要求，要聚焦数字经济、先进制造等主导产业，加快推进大数据科创城、算力中心等重大项目建设；要压紧压实工作责任，实行“一个项目、一名领导、一套班子、一抓到底”，确保项目按期推进。",
            "贵阳高新区党工委、管委会领导班子成员，各部门、各街道主要负责同志及项目业主单位负责人参加会议。",
        ]),
        (p1[1], "2024-05-10 18:05", "贵阳高新区投资促进局", "", [
            "5月10日，贵阳高新区举行重点项目集中签约仪式，9个项目现场签约，总投资52.8亿元，涵盖数字经济、大健康、先进制造、现代服务业等领域。",
            "此次签约项目中，智算中心项目计划投资20亿元，建成后将提供算力规模超过3000P；高端医疗器械研发生产基地项目将填补区内相关产业链空白。",
            "贵阳高新区有关负责同志表示，将持续深化“一企一管家”服务机制，全力保障项目落地建设，推动签约项目尽快转化为实际投资和产能。",
        ]),
    ]
    for (t, n, d), pub, src, author, ps in arts:
        f = link(n, d).lstrip("/")
        info = '来源：%s　　%s发布时间：%s年%s月%s日 %s　　浏览次数：<span id="hitcount"></span>' % (src, ("作者：%s　　" % author) if author else "", pub[:4], pub[5:7], pub[8:10], pub[11:])
        body = "\n".join('<p style="text-indent:2em;">%s</p>' % esc(p) for p in ps[:2]) + \
            '\n<p style="text-align:center;"><img src="/uploadfiles/2024/%s/%d_1.jpg" border="0" alt=""></p>\n' % (d[5:7] + d[8:], n) + \
            "\n".join('<p style="text-indent:2em;">%s</p>' % esc(p) for p in ps[2:])
        a = head(t + "-贵阳国家高新技术产业开发区") + '''<div class="w1200 main">
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/gxdt/index.shtml">高新动态</a> &gt; 正文</div>
<div class="detail">
<div class="d-title"><h2>%s</h2></div>
<div class="d-info">%s</div>
<div class="d-content" id="zoomcon">
%s
</div>
<div class="d-foot"><div class="share">分享：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>【<a href="javascript:;" onclick="window.print()">打印本页</a>】【<a href="javascript:;" onclick="window.close()">关闭窗口</a>】</div>
</div>
</div>
''' % (esc(t), info, body) + foot
        write(S, f, a, "gbk")
        pages.append(page("/" + f, f, "text/html", "article",
                          art_label(t, iso(pub), src, ps, ["浏览次数", "打印本页", "关闭窗口", "分享", "您当前的位置"])))
    save_site(S, "custom CMS (onclick items, GBK)", pages)
    return S, pages

# ---------------------------------------------------------------- d07
# 兰州新区 (甘肃). Home links an Atom feed via <link rel="alternate">; list dates are inside the link text
# as [2023-06-08]; two list pages (/xwzx/xqyw/ and list-2.html) + 2 articles + the feed (kind other).
def d07():
    S = "d07-atom-lanzhou-newarea"
    p1 = [
        ("兰州新区召开2023年上半年重点项目观摩拉练总结会", 34567, "2023-06-08 18:25"),
        ("兰州新区14个项目集中签约 总投资112亿元", 34551, "2023-06-07 20:10"),
        ("兰州新区综合保税区前5个月进出口额同比增长37.2%", 34540, "2023-06-06 11:30"),
        ("兰州新区精细化工园区获评省级智慧化工园区", 34522, "2023-06-05 16:45"),
        ("兰州新区召开生态环境保护督察反馈问题整改推进会", 34508, "2023-06-02 19:00"),
        ("兰州新区举办2023年“中国—中亚”经贸合作对接会", 34497, "2023-06-01 21:15"),
        ("兰州新区启动2023年“安全生产月”活动暨应急救援演练", 34490, "2023-06-01 10:20"),
        ("兰州新区新能源汽车产业园首批整车下线", 34476, "2023-05-31 17:30"),
        ("兰州新区与兰州大学签署全面战略合作协议", 34461, "2023-05-30 15:05"),
        ("兰州新区召开优化营商环境“三抓三促”行动推进会", 34449, "2023-05-29 18:40"),
        ("兰州新区中川北站多式联运物流中心投入运营", 34430, "2023-05-26 12:00"),
        ("兰州新区发布2023年第二批“揭榜挂帅”科技攻关项目", 34418, "2023-05-25 09:35"),
    ]
    p2 = [
        ("兰州新区召开2023年一季度重点项目建设调度会", 34402, "2023-05-24 17:20"),
        ("兰州新区开展“5·12”全国防灾减灾日宣传活动", 34330, "2023-05-12 16:00"),
        ("兰州新区举办2023年春季高校毕业生双选会", 34319, "2023-05-11 18:10"),
        ("兰州新区绿色化工产业链招商推介会在上海举行", 34301, "2023-05-09 20:30"),
        ("兰州新区五一假期文旅消费持续升温", 34277, "2023-05-04 11:10"),
        ("兰州新区举行庆祝“五一”国际劳动节暨劳模表彰大会", 34263, "2023-04-28 17:00"),
        ("兰州新区一季度地区生产总值同比增长12.1%", 34250, "2023-04-27 10:00"),
        ("兰州新区召开2023年民营经济发展大会", 34238, "2023-04-25 19:45"),
        ("兰州新区开展春季植树造林活动 新增绿化面积1.2万亩", 34221, "2023-04-21 15:30"),
        ("兰州新区政务服务中心推行“一件事一次办”改革", 34209, "2023-04-19 16:20"),
        ("兰州新区数据信息产业园二期项目开工建设", 34197, "2023-04-17 12:30"),
        ("兰州新区召开2023年安全生产委员会全体会议", 34185, "2023-04-14 18:00"),
    ]
    link = lambda n: "/contents/24/%d.html" % n
    nav = '''<div class="menu"><ul class="w">
<li><a href="/">网站首页</a></li>
<li><a href="/xqgk/">新区概况</a></li>
<li><a href="/xwzx/">新闻中心</a></li>
<li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zsyz/">招商引资</a></li>
<li><a href="/cyfz/">产业发展</a></li>
<li><a href="/zhbs/">综合保税区</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/gzcy/">公众参与</a></li>
<li><a href="/ztzl/">专题专栏</a></li>
</ul></div>'''
    def head(title, extra=""):
        return '''<!DOCTYPE html>
<html lang="zh-cn">
<head>
<meta charset="utf-8">
<title>%s</title>
<meta name="SiteName" content="兰州新区">
<meta name="SiteDomain" content="www.lzxq.gov.cn">
<meta name="SiteIDCode" content="6201000041">
%s<link rel="stylesheet" href="/skin/default/css/main.css">
<script src="/skin/default/js/jquery.js"></script>
</head>
<body>
<div class="top"><div class="w"><span class="welcome">欢迎访问兰州新区门户网站！</span><span class="tlink"><a href="/wza/">无障碍</a> | <a href="/ydb/">移动版</a> | <a href="/feed/atom.xml">订阅</a></span></div></div>
<div class="hd w"><a href="/" class="logo"><img src="/skin/default/images/logo.png" alt="兰州新区"></a>
<form class="sch" action="/search/" method="get"><input type="text" name="q" class="sch-ipt" placeholder="请输入关键词"><input type="submit" value="搜索" class="sch-btn"></form></div>
''' % (title, extra) + nav + "\n"
    foot = '''<div class="ft"><div class="w">
<p><a href="/about/wzdt.html">网站地图</a> | <a href="/about/lxwm.html">联系我们</a> | <a href="/about/sybz.html">使用帮助</a> | <a href="/feed/atom.xml">Atom订阅</a></p>
<p>主办单位：兰州新区管理委员会 &nbsp; 承办单位：兰州新区党政办公室（融媒体中心） &nbsp; 地址：甘肃省兰州市兰州新区纬一路1号</p>
<p>网站标识码：6201000041 &nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">陇ICP备12003308号-1</a> &nbsp; 甘公网安备 62010502000412号</p>
</div></div>
</body>
</html>
'''
    def side():
        return '''<div class="left">
<div class="lbox"><div class="lt">新闻中心</div><ul class="lnav">
<li class="on"><a href="/xwzx/xqyw/">新区要闻</a></li><li><a href="/xwzx/tzgg/">通知公告</a></li><li><a href="/xwzx/bmdt/">部门动态</a></li><li><a href="/xwzx/mtjj/">媒体聚焦</a></li></ul></div>
<div class="lbox"><div class="lt">排行榜</div><ol class="phb">
<li><a href="/contents/26/34502.html">兰州新区2023年面向社会公开招聘聘用制人员公告 [2023-06-02]</a></li>
<li><a href="/contents/26/34470.html">关于兰州新区2023年度重点项目计划的公示 [2023-05-31]</a></li>
<li><a href="/contents/31/34377.html">兰州新区关于进一步支持中小企业发展的若干措施 [2023-05-18]</a></li>
<li><a href="/contents/26/34311.html">兰州新区2023年中考招生工作实施方案 [2023-05-10]</a></li>
</ol></div>
</div>
'''
    def listpage(items, pn):
        lis = "\n".join('<li><a href="%s" target="_blank">%s%s [%s]</a></li>' % (link(n), esc(t), '<img src="/skin/default/images/new.gif" alt="">' if pn == 1 and i < 2 else "", d[:10])
                        for i, (t, n, d) in enumerate(items))
        prev = '' if pn == 1 else '<a href="/xwzx/xqyw/">首页</a><a href="%s">上一页</a>' % ("/xwzx/xqyw/" if pn == 2 else "list-%d.html" % (pn - 1))
        return head("新区要闻 - 兰州新区") + '''<div class="w main clearfix">
<div class="pos">当前位置：<a href="/">网站首页</a> &raquo; <a href="/xwzx/">新闻中心</a> &raquo; <a href="/xwzx/xqyw/">新区要闻</a></div>
%s<div class="right">
<div class="rt"><span>新区要闻</span></div>
<ul class="newslist">
%s
</ul>
<div class="pages">%s<span class="cur">%d</span><a href="list-%d.html">%d</a><a href="list-%d.html">%d</a><a href="list-%d.html">下一页</a><a href="list-31.html">尾页</a><span>共31页</span></div>
</div>
</div>
''' % (side(), lis, prev, pn, pn + 1, pn + 1, pn + 2, pn + 2, pn + 1) + foot
    write(S, "xwzx/xqyw/index.html", listpage(p1, 1))
    write(S, "xwzx/xqyw/list-2.html", listpage(p2, 2))
    # Atom feed: first 10 of page 1
    entries = "\n".join('''  <entry>
    <title>%s</title>
    <link rel="alternate" type="text/html" href="%s"/>
    <id>tag:www.lzxq.gov.cn,%s:/contents/24/%d</id>
    <updated>%s</updated>
    <published>%s</published>
    <author><name>兰州新区融媒体中心</name></author>
    <category term="新区要闻"/>
  </entry>''' % (html.escape(t, quote=False), link(n), d[:10], n, iso(d), iso(d)) for t, n, d in p1[:10])
    feed = '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>兰州新区 - 新区要闻</title>
  <subtitle>兰州新区门户网站新区要闻栏目</subtitle>
  <link rel="self" type="application/atom+xml" href="/feed/atom.xml"/>
  <link rel="alternate" type="text/html" href="/xwzx/xqyw/"/>
  <id>tag:www.lzxq.gov.cn,2013:/feed/atom</id>
  <updated>%s</updated>
  <generator>SiteCMS</generator>
%s
</feed>
''' % (iso(p1[0][2]), entries)
    write(S, "feed/atom.xml", feed)
    home = head("兰州新区门户网站", '<link rel="alternate" type="application/atom+xml" title="兰州新区 - 新区要闻" href="/feed/atom.xml">\n<meta name="keywords" content="兰州新区,国家级新区,甘肃">\n') + '''<div class="w i-top clearfix">
<div class="i-focus"><div class="bd"><ul>
<li><a href="%s"><img src="/uploadfile/2023/0608/focus_34567.jpg" alt=""><span>%s</span></a></li>
<li><a href="%s"><img src="/uploadfile/2023/0607/focus_34551.jpg" alt=""><span>%s</span></a></li>
</ul></div></div>
<div class="i-news">
<div class="i-tab"><h3 class="on"><a href="/xwzx/xqyw/">新区要闻</a></h3><h3><a href="/xwzx/tzgg/">通知公告</a></h3><h3><a href="/xwzx/bmdt/">部门动态</a></h3></div>
<ul class="i-list">
%s
</ul>
<a class="i-more" href="/xwzx/xqyw/">更多&gt;&gt;</a>
</div>
</div>
<div class="w i-mid clearfix">
<div class="i-box"><div class="i-bt"><span>通知公告</span><a href="/xwzx/tzgg/">更多</a></div><ul>
<li><a href="/contents/26/34502.html">兰州新区2023年面向社会公开招聘聘用制人员公告</a></li>
<li><a href="/contents/26/34470.html">关于兰州新区2023年度重点项目计划的公示</a></li>
<li><a href="/contents/26/34311.html">兰州新区2023年中考招生工作实施方案</a></li>
</ul></div>
<div class="i-box"><div class="i-bt"><span>政策文件</span><a href="/zwgk/zcwj/">更多</a></div><ul>
<li><a href="/contents/31/34377.html">兰州新区关于进一步支持中小企业发展的若干措施</a></li>
<li><a href="/contents/31/34120.html">兰州新区招商引资优惠政策（2023年修订）</a></li>
</ul></div>
<div class="i-box i-fw"><div class="i-bt"><span>政务服务</span></div><ul class="ico">
<li><a href="https://zwfw.gansu.gov.cn/" target="_blank">甘肃政务服务网</a></li><li><a href="/zwfw/bszn/">办事指南</a></li><li><a href="/gzcy/zrxx/">主任信箱</a></li><li><a href="/gzcy/myzj/">民意征集</a></li>
</ul></div>
</div>
''' % (link(p1[0][1]), esc(p1[0][0]), link(p1[1][1]), esc(p1[1][0]),
       "\n".join('<li><a href="%s" title="%s">%s</a><span>%s</span></li>' % (link(n), esc(t), esc(cut(t, 21)), d[5:10]) for t, n, d in p1[:8])) + foot
    write(S, "index.html", home)
    L = lambda items: [{"title": t, "link": link(n), "date": d[:10]} for t, n, d in items]
    pages = [
        page("/", "index.html", "text/html; charset=utf-8", "home",
             {"feeds": ["/feed/atom.xml"], "news_lists": ["/xwzx/xqyw/", "/xwzx/tzgg/", "/xwzx/bmdt/"], "region_hint": "兰州市", "zone_hint": "兰州新区"}),
        page("/feed/atom.xml", "feed/atom.xml", "application/atom+xml", "other",
             {"notes": "Atom 1.0 feed linked from the home <head> (<link rel=alternate type=application/atom+xml>) and from <a> 订阅 / Atom订阅. 10 entries = first 10 items of /xwzx/xqyw/; entry links root-relative; dates +08:00.",
              "items": [{"title": t, "link": link(n), "date": iso(d)} for t, n, d in p1[:10]]}),
        page("/xwzx/xqyw/", "xwzx/xqyw/index.html", "text/html; charset=utf-8", "list",
             {"items": L(p1), "next_page": "/xwzx/xqyw/list-2.html",
              "notes": "Date only inside the link text as ' [2023-06-08]' after the title (first two items also carry a new.gif <img> in the link); the title is the link text without the bracketed date. Sidebar 排行榜 uses the same '[date]' link style (trap)."}),
        page("/xwzx/xqyw/list-2.html", "xwzx/xqyw/list-2.html", "text/html; charset=utf-8", "list",
             {"items": L(p2), "next_page": "/xwzx/xqyw/list-3.html",
              "notes": "Page 2; 下一页 -> list-3.html (not served)."}),
    ]
    arts = [
        (p1[0], "兰州新区融媒体中心", [
            "6月8日，兰州新区召开2023年上半年重点项目观摩拉练总结会，通报观摩拉练情况，总结上半年项目建设成效，安排部署下半年重点工作。",
            "6月6日至7日，观摩团实地察看了绿色化工、新能源汽车、数据信息、现代物流等领域的26个重点项目。截至5月底，兰州新区152个省市重点项目完成投资196.8亿元，同比增长18.5%。",
            "会议要求，要持续深化“三抓三促”行动，坚持招大引强与培育壮大并重，紧盯项目建设关键节点，加快形成更多实物工作量；要强化要素保障，优化审批流程，全力以赴推动项目建设提速增效。",
        ]),
        (p1[1], "兰州新区投资合作局", [
            "6月7日，兰州新区举行2023年第三批招商引资项目集中签约活动，14个项目现场签约，总投资112亿元。",
            "此次签约项目涵盖新材料、精细化工、装备制造、冷链物流等领域，其中10亿元以上项目4个。项目全部建成后，预计可实现年产值180亿元，新增就业岗位3500个。",
            "兰州新区将坚持“签约即服务”，为签约项目配备项目专员，提供从注册登记、规划审批到建设投产的全流程帮办代办服务，推动签约项目早落地、早投产、早见效。",
        ]),
    ]
    for (t, n, d), src, ps in arts:
        f = link(n).lstrip("/")
        i = p1.index((t, n, d))
        a = head(t + " - 兰州新区") + '''<div class="w main">
<div class="pos">当前位置：<a href="/">网站首页</a> &raquo; <a href="/xwzx/">新闻中心</a> &raquo; <a href="/xwzx/xqyw/">新区要闻</a> &raquo; 正文</div>
<div class="article">
<h1>%s</h1>
<div class="property"><span>来源：%s</span><span>发布时间：%s:00</span><span>【字体：<a href="javascript:;" onclick="fs(18)">大</a> <a href="javascript:;" onclick="fs(16)">中</a> <a href="javascript:;" onclick="fs(14)">小</a>】</span></div>
<div class="conTxt">
%s
</div>
<div class="fx">责任编辑：马晓东 &nbsp; 审核：张建军</div>
<ul class="sxp"><li>上一篇：<a href="%s">%s</a></li><li>下一篇：%s</li></ul>
</div>
</div>
''' % (esc(t), src, d, paras_html(ps, ' style="text-indent:2em;"'), link(p1[i + 1][1]), esc(p1[i + 1][0]),
       ('<a href="%s">%s</a>' % (link(p1[i - 1][1]), esc(p1[i - 1][0]))) if i > 0 else "没有了") + foot
        write(S, f, a)
        pages.append(page("/" + f, f, "text/html; charset=utf-8", "article",
                          art_label(t, iso(d), src, ps, ["责任编辑", "审核：", "上一篇", "下一篇", p1[i + 1][0], "当前位置"])))
    save_site(S, "custom CMS + Atom feed", pages)
    return S, pages

# ---------------------------------------------------------------- d08
# GB18030, 长春新区 (吉林). Home + list whose items are <li data-href="..."> (no <a>), dates 2024/03/12,
# a JSON "加载更多" API (offset/limit) + 2 articles. Header charset=GB18030; bullets '•' need GB18030.
def d08():
    S = "d08-gb18030-datahref-changchun-newarea"
    p1 = [
        ("长春新区召开2024年重点项目建设推进大会", 18231, "2024-03-12 17:30", "长春新区融媒体中心"),
        ("长春新区21个项目集中签约 总投资186亿元", 18224, "2024-03-11 19:10", "长春日报"),
        ("长春新区获批国家知识产权强国建设示范园区", 18215, "2024-03-08 16:20", "长春新区知识产权局"),
        ("长春新区举办“三八”国际妇女节巾帼建功表彰活动", 18211, "2024-03-08 11:40", "长春新区妇联"),
        ("长春新区新能源汽车零部件产业园项目开工建设", 18203, "2024-03-07 15:00", "长春新区融媒体中心"),
        ("长春新区召开2024年优化营商环境工作会议", 18196, "2024-03-06 18:05", "长春新区营商环境建设局"),
        ("长春新区光电信息产业链上下游企业对接会举行", 18188, "2024-03-05 14:30", "长春新区经济发展局"),
        ("长春新区1—2月规上工业总产值同比增长9.4%", 18180, "2024-03-04 10:00", "长春新区统计局"),
        ("长春新区“春风行动”专场招聘会提供岗位5000余个", 18172, "2024-03-01 17:45", "长春新区人社局"),
        ("长春新区与吉林大学签署新一轮校地合作协议", 18165, "2024-02-29 19:20", "长春日报"),
        ("长春新区召开2024年安全生产工作会议", 18158, "2024-02-28 16:10", "长春新区应急管理局"),
        ("长春新区开展“企业服务月”活动 走访企业326家", 18150, "2024-02-27 12:30", "长春新区融媒体中心"),
        ("长光卫星产业园二期项目启动建设", 18143, "2024-02-26 18:00", "吉林日报"),
        ("长春新区召开2024年科技创新大会 发布“揭榜挂帅”项目榜单", 18136, "2024-02-23 17:15", "长春新区科技局"),
        ("长春新区新春首场重大项目集中开工活动举行", 18127, "2024-02-21 11:25", "长春新区融媒体中心"),
    ]
    p2 = [
        ("长春新区召开2024年招商引资工作会议", 18119, "2024-02-20 14:05", "长春新区投资促进局"),
        ("长春新区开展春节后复工复产安全生产检查", 18108, "2024-02-19 16:30", "长春新区应急管理局"),
        ("长春新区冰雪旅游春节假期接待游客同比增长42%", 18096, "2024-02-18 10:15", "长春新区文旅局"),
        ("长春新区领导春节前走访慰问困难群众和一线职工", 18080, "2024-02-07 18:40", "长春新区融媒体中心"),
        ("长春新区2023年地区生产总值同比增长8.2%", 18072, "2024-02-05 09:30", "长春新区统计局"),
        ("长春新区召开党工委（扩大）会议部署2024年重点工作", 18063, "2024-02-02 19:00", "长春新区融媒体中心"),
        ("长春新区医药健康产业园一期项目竣工投产", 18055, "2024-01-31 15:45", "吉林日报"),
        ("长春新区举办2024年“迎新春”民营企业座谈会", 18047, "2024-01-30 17:20", "长春新区工商联"),
        ("长春新区开展冬季供暖保障专项督查", 18039, "2024-01-26 11:10", "长春新区住建局"),
        ("长春新区跨境电商综试区线上综合服务平台上线运行", 18031, "2024-01-24 16:00", "长春新区商务局"),
        ("长春新区召开2024年全面从严治党工作会议", 18024, "2024-01-22 18:30", "长春新区纪工委"),
        ("长春新区获评2023年度吉林省营商环境建设先进单位", 18016, "2024-01-19 10:40", "吉林日报"),
        ("长春新区开展元旦春节期间食品安全专项检查", 18009, "2024-01-17 15:15", "长春新区市场监管局"),
        ("长春新区人才公寓二期项目交付使用", 18001, "2024-01-15 17:50", "长春新区融媒体中心"),
        ("长春新区召开2023年度街道党工委书记抓基层党建述职评议会", 17994, "2024-01-12 19:30", "长春新区组织部"),
    ]
    link = lambda n, d: "/cms/article/%s/%s/a%d.html" % (d[:4], d[5:7] + d[8:10], n)
    api = "/cms/api/articles?column=xqyw&offset=15&limit=15"
    data = {"status": "ok", "total": 214, "offset": 15, "limit": 15,
            "data": [{"id": n, "title": t, "url": link(n, d), "pubDate": d + ":00", "source": src, "thumb": None} for t, n, d, src in p2]}
    write(S, "cms/api/articles_xqyw_15.json", json.dumps(data, ensure_ascii=False))
    def head(title, extra=""):
        return '''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb18030">
<title>%s</title>
<meta name="SiteName" content="长春新区">
<meta name="SiteDomain" content="www.ccxq.gov.cn">
<meta name="SiteIDCode" content="2201000063">
%s<link rel="stylesheet" href="/res/css/base.css">
<link rel="stylesheet" href="/res/css/page.css">
<script src="/res/js/jquery-1.10.2.min.js"></script>
</head>
<body>
<div class="g-top"><div class="wp"><span>长春新区管理委员会 • 欢迎您</span><div class="r"><a href="/wza/">无障碍</a> • <a href="/jgb/">关怀版</a> • <a href="http://www.changchun.gov.cn/" target="_blank">长春市人民政府</a></div></div></div>
<div class="g-hd wp"><a class="logo" href="/"><img src="/res/images/logo.png" alt="长春新区"></a><div class="g-sch"><input type="text" id="schKey" placeholder="输入关键字"><button onclick="location.href='/cms/search.html?key='+encodeURIComponent($('#schKey').val())">搜索</button></div></div>
<div class="g-nav"><ul class="wp">
<li><a href="/">首页</a></li>
<li><a href="/cms/column/xqgk.html">新区概况</a></li>
<li class="cur"><a href="/cms/column/xwzx.html">新闻中心</a></li>
<li><a href="/cms/column/zwgk.html">政务公开</a></li>
<li><a href="/cms/column/tzxq.html">投资新区</a></li>
<li><a href="/cms/column/cyfz.html">产业发展</a></li>
<li><a href="/cms/column/kjcx.html">科技创新</a></li>
<li><a href="/cms/column/yshj.html">营商环境</a></li>
<li><a href="/cms/column/zwfw.html">政务服务</a></li>
<li><a href="/cms/column/hdjl.html">互动交流</a></li>
</ul></div>
''' % (title, extra)
    foot = '''<div class="g-ft"><div class="wp">
<p><a href="/cms/about/wzdt.html">网站地图</a> • <a href="/cms/about/lxwm.html">联系我们</a> • <a href="/cms/about/mzsm.html">免责声明</a></p>
<p>主办单位：长春新区管理委员会 &nbsp; 承办：长春新区党政办公室 &nbsp; 地址：长春市高新区硅谷大街3088号</p>
<p>网站标识码：2201000063 &nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">吉ICP备16004217号-1</a> &nbsp; 吉公网安备 22017302000089号</p>
</div></div>
<script>
$(document).on('click', '[data-href]', function () { var u = $(this).attr('data-href'); if (u) { window.open(u, '_blank'); } });
</script>
</body>
</html>
'''
    rank = [("长春新区2024年面向社会公开招聘教师公告", "/cms/article/2024/0304/a18178.html"),
            ("关于长春新区2024年度企业研发费用补助申报的通知", "/cms/article/2024/0226/a18140.html"),
            ("长春新区支持现代服务业发展若干政策措施", "/cms/article/2024/0115/a17999.html"),
            ("长春新区2024年义务教育学校招生工作方案", "/cms/article/2024/0306/a18194.html")]
    lis = "\n".join('<li class="item" data-href="%s"><span class="dot">•</span><span class="tit">%s</span><span class="time">%s</span></li>' % (link(n, d), esc(t), d[:10].replace("-", "/")) for t, n, d, src in p1)
    lp = head("新区要闻_长春新区") + '''<div class="wp g-main clearfix">
<div class="g-crumb">当前位置：<a href="/">首页</a> &gt; <a href="/cms/column/xwzx.html">新闻中心</a> &gt; <a href="/cms/column/xqyw.html">新区要闻</a></div>
<div class="g-side">
<div class="s-box"><div class="s-tit">新闻中心</div><ul class="s-nav">
<li class="on"><a href="/cms/column/xqyw.html">新区要闻</a></li><li><a href="/cms/column/tzgg.html">通知公告</a></li><li><a href="/cms/column/bmdt.html">部门动态</a></li><li><a href="/cms/column/mtgz.html">媒体关注</a></li><li><a href="/cms/column/spxw.html">视频新闻</a></li>
</ul></div>
<div class="s-box"><div class="s-tit">一周排行</div><ul class="s-rank">
%s
</ul></div>
<div class="s-box s-zt"><a href="/cms/column/zt_yshj.html"><img src="/res/images/zt_yshj.jpg" alt="营商环境建设"></a></div>
</div>
<div class="g-con">
<div class="c-tit"><h2>新区要闻</h2></div>
<ul class="c-list" id="newsList">
%s
</ul>
<div class="c-more"><a href="javascript:;" id="btnMore" data-offset="15">加载更多</a></div>
</div>
</div>
<script>
$('#btnMore').on('click', function () {
    var btn = $(this), offset = parseInt(btn.attr('data-offset'), 10);
    $.getJSON('/cms/api/articles', { column: 'xqyw', offset: offset, limit: 15 }, function (res) {
        if (res.status !== 'ok') { return; }
        var html = '';
        $.each(res.data, function (i, a) {
            html += '<li class="item" data-href="' + a.url + '"><span class="dot">•</span><span class="tit">' + a.title + '</span><span class="time">' + a.pubDate.substr(0, 10).replace(/-/g, '/') + '</span></li>';
        });
        $('#newsList').append(html);
        btn.attr('data-offset', offset + res.data.length);
        if (offset + res.data.length >= res.total) { btn.hide(); }
    });
});
</script>
''' % ("\n".join('<li class="rank-item" data-href="%s"><i>%d</i>%s</li>' % (l, i + 1, esc(t)) for i, (t, l) in enumerate(rank)), lis) + foot
    write(S, "cms/column/xqyw.html", lp, "gb18030")
    home = head("长春新区门户网站", '<meta name="keywords" content="长春新区,国家级新区,长春高新区,吉林">\n') + '''<div class="wp i-sec1 clearfix">
<div class="i-pic"><ul>
<li data-href="%s"><img src="/upload/2024/03/12/pic18231.jpg" alt=""><p>%s</p></li>
<li data-href="%s"><img src="/upload/2024/03/11/pic18224.jpg" alt=""><p>%s</p></li>
</ul></div>
<div class="i-news"><div class="i-hd"><span class="on">新区要闻</span><a href="/cms/column/xqyw.html" class="more">更多 &gt;</a></div>
<ul>
%s
</ul></div>
</div>
<div class="wp i-sec2 clearfix">
<div class="i-col"><div class="i-hd"><span>通知公告</span><a href="/cms/column/tzgg.html" class="more">更多 &gt;</a></div><ul>
<li><a href="/cms/article/2024/0304/a18178.html" target="_blank">长春新区2024年面向社会公开招聘教师公告</a><em>03-04</em></li>
<li><a href="/cms/article/2024/0226/a18140.html" target="_blank">关于长春新区2024年度企业研发费用补助申报的通知</a><em>02-26</em></li>
</ul></div>
<div class="i-col"><div class="i-hd"><span>部门动态</span><a href="/cms/column/bmdt.html" class="more">更多 &gt;</a></div><ul>
<li><a href="/cms/article/2024/0311/a18222.html" target="_blank">北湖科技开发区召开重点企业座谈会</a><em>03-11</em></li>
<li><a href="/cms/article/2024/0307/a18201.html" target="_blank">长东北核心区开展春季消防安全检查</a><em>03-07</em></li>
</ul></div>
<div class="i-col i-fw"><div class="i-hd"><span>政务服务</span></div><ul class="ico">
<li><a href="http://zwfw.jl.gov.cn/" target="_blank">吉林省政务服务网</a></li><li><a href="/cms/column/bszn.html">办事指南</a></li><li><a href="/cms/column/zrxx.html">主任信箱</a></li>
</ul></div>
</div>
''' % (link(p1[0][1], p1[0][2]), esc(p1[0][0]), link(p1[1][1], p1[1][2]), esc(p1[1][0]),
       "\n".join('<li class="item" data-href="%s"><span class="tit">%s</span><span class="time">%s</span></li>' % (link(n, d), esc(t), d[5:10]) for t, n, d, s in p1[:7])) + foot
    write(S, "index.html", home, "gb18030")
    pages = [
        page("/", "index.html", "text/html; charset=GB18030", "home",
             {"feeds": [], "news_lists": ["/cms/column/xqyw.html", "/cms/column/tzgg.html", "/cms/column/bmdt.html"], "region_hint": "长春市", "zone_hint": "长春新区"}),
        page("/cms/column/xqyw.html", "cms/column/xqyw.html", "text/html; charset=GB18030", "list",
             {"items": [{"title": t, "link": link(n, d), "date": d[:10]} for t, n, d, src in p1], "next_page": None,
              "notes": "GB18030 bytes ('•' is not in GBK). Items are <li class=item data-href=...> with no <a> (a delegated click handler opens data-href); dates shown as 2024/03/12. 一周排行 sidebar also uses data-href (class rank-item) and is a trap. No next-page link: 加载更多 calls the JSON API with offset/limit."}),
        page(api, "cms/api/articles_xqyw_15.json", "application/json;charset=UTF-8", "json",
             {"array_path": "data", "items": [{"title": t, "link": link(n, d), "date": iso(d)} for t, n, d, src in p2], "jsonp": False,
              "notes": "加载更多 API of /cms/column/xqyw.html (jQuery getJSON with column, offset, limit); items 16-30; url root-relative; pubDate local +08:00."}),
    ]
    arts = [
        (p1[0], [
            "3月12日，长春新区召开2024年重点项目建设推进大会，总结2023年项目建设工作，部署2024年重点项目建设任务，动员全区上下抢抓施工黄金期，全力推动项目建设提速提质。",
            "2023年，长春新区实施5000万元以上重点项目289个，完成投资486亿元，长光卫星产业园、新能源汽车零部件产业园等一批重大项目建成投用。2024年，新区计划实施5000万元以上重点项目312个，总投资2150亿元，年度计划投资520亿元。",
            "会议强调，要坚持“项目为王”，紧盯光电信息、生物医药、先进制造等主导产业强链补链，谋划储备一批牵引性强的重大项目；要落实领导包保、专班推进机制，确保项目早开工、早建成、早见效。",
        ]),
        (p1[1], [
            "3月11日，长春新区2024年第一批重点项目集中签约仪式举行，21个项目现场签约，总投资186亿元。",
            "本批签约项目涵盖光电信息、生物医药、新能源汽车零部件、数字经济等领域，其中投资超10亿元项目6个。项目投产后预计年产值超过260亿元，将进一步壮大新区主导产业集群。",
            "长春新区将以“项目管家”服务为抓手，对签约项目实行清单化管理、闭环式推进，全力推动项目尽快落地开工。",
        ]),
    ]
    for (t, n, d, src), ps in arts:
        f = link(n, d).lstrip("/")
        a = head(t + "_长春新区", '<meta name="ArticleTitle" content="%s">\n<meta name="PubDate" content="%s">\n' % (esc(t), d)) + '''<div class="wp g-main">
<div class="g-crumb">当前位置：<a href="/">首页</a> &gt; <a href="/cms/column/xwzx.html">新闻中心</a> &gt; <a href="/cms/column/xqyw.html">新区要闻</a></div>
<div class="art-wrap">
<h1 class="art-title">%s</h1>
<div class="art-info">%s &nbsp;•&nbsp; 来源：%s &nbsp;•&nbsp; 浏览：<span id="views">--</span> &nbsp;•&nbsp; <a href="javascript:window.print()">打印</a></div>
<div class="art-content" id="artContent">
%s
</div>
<div class="art-editor">【责任编辑：孙雪梅】</div>
<div class="art-rel"><h3>相关阅读</h3><ul>
<li data-href="%s">%s</li>
<li data-href="%s">%s</li>
</ul></div>
</div>
</div>
''' % (esc(t), d, src, paras_html(ps), link(p1[4][1], p1[4][2]), esc(p1[4][0]), link(p1[12][1], p1[12][2]), esc(p1[12][0])) + foot
        write(S, f, a, "gb18030")
        pages.append(page("/" + f, f, "text/html; charset=GB18030", "article",
                          art_label(t, iso(d), src, ps, ["责任编辑", "相关阅读", p1[4][0], "浏览：", "当前位置"])))
    save_site(S, "custom CMS (data-href items, GB18030)", pages)
    return S, pages


if __name__ == "__main__":
    # In tests/discovery/sites the other sets live beside this one: remove only the d-sites.
    for old in (os.listdir(ROOT) if os.path.isdir(ROOT) else []):
        if old.startswith("d0"):
            shutil.rmtree(os.path.join(ROOT, old))
    for fn in (d01, d02, d03, d04, d05, d06, d07, d08):
        s, p = fn()
        print(s, len(p), "pages")
