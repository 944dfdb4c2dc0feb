"""a09-gbk-yantai-etdz: 烟台经济技术开发区 portal in GBK with very noisy chrome.

The main list has no real hrefs: <a href="javascript:void(0);" onclick="window.open('...')">
with the date inside the link text as "[2022-10-11] title". Sidebars 热点新闻 / 推荐阅读 (also
"[date] title" links) / 专题专栏, a 40-link menu and dozens of 友情链接 surround it.
"""
from common import Site, run, esc
from chrome import menu, sidebar, gov_footer, friend_links, paras

ENC = "gbk"
CT = "text/html; charset=gbk"
ZONE = "烟台经济技术开发区"

ROWS = [
    ("2022-10-11", 5521, "烟台开发区举行2022年第四季度重点项目集中开工活动"),
    ("2022-10-10", 5517, "烟台开发区与日韩企业签约8个合作项目"),
    ("2022-10-09", 5512, "烟台开发区召开化工园区安全生产专项整治推进会"),
    ("2022-10-08", 5508, "烟台开发区新能源汽车产业园首台整车下线"),
    ("2022-09-30", 5497, "烟台开发区出台支持医药健康产业高质量发展若干政策"),
    ("2022-09-29", 5492, "烟台开发区开展“双节”期间食品安全专项检查"),
    ("2022-09-28", 5486, "中韩（烟台）产业园新签约韩资项目5个"),
    ("2022-09-27", 5481, "烟台开发区举办第二届“开发区杯”创新创业大赛"),
    ("2022-09-26", 5475, "烟台开发区获评山东省营商环境创新示范区"),
    ("2022-09-23", 5468, "烟台开发区海上风电装备产业基地项目开工"),
    ("2022-09-22", 5462, "烟台开发区召开重点项目“百日攻坚”调度会"),
    ("2022-09-21", 5457, "烟台开发区3家企业入选山东省“瞪羚”企业名单"),
    ("2022-09-20", 5450, "烟台开发区开展秋季森林防火专项检查"),
    ("2022-09-19", 5444, "烟台开发区前8个月进出口总额增长17.6%"),
    ("2022-09-16", 5438, "烟台开发区举办“企业家日”系列活动"),
]

ARTICLES = {
    5521: ("11:06", "烟台开发区融媒体中心", "孙丽", [
        "10月10日，烟台开发区2022年第四季度重点项目集中开工活动在八角湾片区举行，此次集中开工项目28个，总投资196亿元。",
        "开工项目涵盖新能源汽车、高端装备、医药健康、海洋经济等领域，其中10亿元以上项目6个，外资项目4个。",
        "<p style=\"text-align: center;\"><img src=\"/uploadfiles/2022/10/20221011110512345.jpg\" border=\"0\" /></p>",
        "企业代表、烟台某装备制造公司总经理李堃表示，开发区服务高效、配套完善，公司将全力推进项目建设，确保明年三季度建成投产。",
        "烟台开发区相关负责人表示，将坚持“要素跟着项目走”，实行专班推进、挂图作战，确保开工项目早建成、早达效。",
    ]),
    5497: ("16:40", "烟台开发区卫生健康局", "王喆", [
        "近日，烟台开发区印发《支持医药健康产业高质量发展若干政策》，从创新研发、临床试验、产业化、平台建设和人才引进等方面提出18条支持措施。",
        "政策明确，对在开发区完成临床试验并实现产业化的一类新药，最高给予3000万元支持；对通过仿制药一致性评价的品种，每个给予最高300万元奖励。",
        "在平台建设方面，对新建的公共技术服务平台、合同研发组织（CRO）和合同生产组织（CMO），按设备投资额的20%给予补助。",
        "在人才引进方面，对医药健康企业引进的高层次人才，落实住房、医疗、子女教育等配套服务。",
        "据了解，烟台开发区目前已集聚医药健康企业160余家，2021年实现产值超过300亿元。",
    ]),
}

MENU = [
    ("首页", "/", []),
    ("走进开发区", "/ytkfq/zjkfq/index.shtml", [("开发区概况", "/ytkfq/zjkfq/kfqgk/index.shtml"), ("领导之窗", "/ytkfq/zjkfq/ldzc/index.shtml"),
                                             ("机构设置", "/ytkfq/zjkfq/jgsz/index.shtml"), ("发展历程", "/ytkfq/zjkfq/fzlc/index.shtml"),
                                             ("荣誉称号", "/ytkfq/zjkfq/rych/index.shtml")]),
    ("新闻中心", "/ytkfq/xwzx/index.shtml", [("开发区要闻", "/ytkfq/xwzx/index.shtml"), ("部门动态", "/ytkfq/bmdt/index.shtml"),
                                          ("街道动态", "/ytkfq/jddt/index.shtml"), ("通知公告", "/ytkfq/tzgg/index.shtml"),
                                          ("图片新闻", "/ytkfq/tpxw/index.shtml"), ("视频新闻", "/ytkfq/spxw/index.shtml")]),
    ("政务公开", "/ytkfq/zwgk/index.shtml", [("政府信息公开", "/ytkfq/zwgk/xxgk/index.shtml"), ("政策文件", "/ytkfq/zwgk/zcwj/index.shtml"),
                                          ("政策解读", "/ytkfq/zwgk/zcjd/index.shtml"), ("规划计划", "/ytkfq/zwgk/ghjh/index.shtml"),
                                          ("财政预决算", "/ytkfq/zwgk/czyjs/index.shtml"), ("统计数据", "/ytkfq/zwgk/tjsj/index.shtml"),
                                          ("人事信息", "/ytkfq/zwgk/rsxx/index.shtml")]),
    ("投资开发区", "/ytkfq/tzkfq/index.shtml", [("投资环境", "/ytkfq/tzkfq/tzhj/index.shtml"), ("产业布局", "/ytkfq/tzkfq/cybj/index.shtml"),
                                             ("招商政策", "/ytkfq/tzkfq/zszc/index.shtml"), ("中韩产业园", "/ytkfq/tzkfq/zhcyy/index.shtml"),
                                             ("自贸片区", "/ytkfq/tzkfq/zmpq/index.shtml")]),
    ("政务服务", "http://ytzwfw.sd.gov.cn/yt/", [("个人服务", "http://ytzwfw.sd.gov.cn/yt/grfw/"), ("法人服务", "http://ytzwfw.sd.gov.cn/yt/frfw/"),
                                              ("便民服务", "/ytkfq/zwfw/bmfw/index.shtml"), ("办事指南", "/ytkfq/zwfw/bszn/index.shtml")]),
    ("互动交流", "/ytkfq/hdjl/index.shtml", [("主任信箱", "/ytkfq/hdjl/zrxx/index.shtml"), ("在线访谈", "/ytkfq/hdjl/zxft/index.shtml"),
                                          ("意见征集", "/ytkfq/hdjl/yjzj/index.shtml"), ("网上调查", "/ytkfq/hdjl/wsdc/index.shtml"),
                                          ("12345热线", "/ytkfq/hdjl/12345/index.shtml")]),
]

LOCAL = [("山东省人民政府", "http://www.shandong.gov.cn/"), ("烟台市人民政府", "http://www.yantai.gov.cn/"),
         ("芝罘区人民政府", "http://www.zhifu.gov.cn/"), ("福山区人民政府", "http://www.ytfushan.gov.cn/"),
         ("牟平区人民政府", "http://www.muping.gov.cn/"), ("莱山区人民政府", "http://www.ytlaishan.gov.cn/"),
         ("蓬莱区人民政府", "http://www.penglai.gov.cn/"), ("龙口市人民政府", "http://www.longkou.gov.cn/"),
         ("莱阳市人民政府", "http://www.laiyang.gov.cn/"), ("莱州市人民政府", "http://www.laizhou.gov.cn/"),
         ("招远市人民政府", "http://www.zhaoyuan.gov.cn/"), ("栖霞市人民政府", "http://www.sdqixia.gov.cn/"),
         ("海阳市人民政府", "http://www.haiyang.gov.cn/"), ("烟台高新区", "http://www.ytgxq.gov.cn/")]

FOOT = gov_footer("烟台经济技术开发区管理委员会", "鲁ICP备06012345号", "3706000012",
                  gongan="鲁公网安备 37067102000321号", addr="烟台开发区长江路198号", tel="0535-6396000",
                  undertaker="烟台开发区党政办公室")

ZT = [("深入学习贯彻党的二十大精神", "/ytkfq/ztzl/ddesd/index.shtml"), ("优化营商环境", "/ytkfq/ztzl/yshj/index.shtml"),
      ("安全生产专项整治三年行动", "/ytkfq/ztzl/aqsc/index.shtml"), ("烟台自贸片区", "/ytkfq/ztzl/zmpq/index.shtml"),
      ("文明城市创建", "/ytkfq/ztzl/wmcs/index.shtml"), ("乡村振兴", "/ytkfq/ztzl/xczx/index.shtml")]


def url(d, i):
    return f"/ytkfq/xwzx/{d[:7]}/{d[8:]}/content_{i}.shtml"


def head(title):
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{esc(title)}</title>
<meta name="SiteName" content="{ZONE}" />
<link rel="stylesheet" href="/ytkfq/css/index.css" />
</head>
<body>
<div class="toolbar"><div class="w"><span>欢迎访问烟台经济技术开发区门户网站！</span><a href="javascript:;" onclick="aria.start()">无障碍阅读</a> | <a href="/ytkfq/ydb/index.shtml">移动版</a> | <a href="/ytkfq/wzdt/index.shtml">网站地图</a></div></div>
<div class="banner w"><img src="/ytkfq/images/logo.png" alt="{ZONE}" /><form class="ss" action="/search/search.jsp"><input name="q" /><button>搜 索</button></form></div>
{menu(MENU, cls="daohang")}
"""


def tail():
    return f"""<div class="w yqlj-box">
{friend_links(LOCAL, mode="select")}
{friend_links(LOCAL[:10], mode="list", heading="区市政府网站")}
</div>
{FOOT}
</body>
</html>
"""


def side_blocks(exclude):
    hot = [(t, url(d, i)) for d, i, t in [ROWS[8], ROWS[3], ROWS[1], ROWS[6], ROWS[9], ROWS[11], ROWS[13], ROWS[2]] if i != exclude]
    rec = "\n".join(f'<li><a href="{url(d, i)}" target="_blank" title="{esc(t)}">[{d}] {esc(t)}</a></li>'
                    for d, i, t in [ROWS[4], ROWS[7], ROWS[10], ROWS[12], ROWS[14], ROWS[5]] if i != exclude)
    return f"""{sidebar("热点新闻", hot, cls="rdxw")}
<div class="tjyd"><div class="tjyd-hd"><h3>推荐阅读</h3></div><ul>
{rec}
</ul></div>
{sidebar("专题专栏", ZT, cls="ztzl")}"""


def list_page(site):
    lis = "\n".join(f"""<li><a href="javascript:void(0);" onclick="window.open('{url(d, i)}')" title="{esc(t)}">[{d}] {esc(t)}</a></li>"""
                    for d, i, t in ROWS)
    body = f"""<div class="w dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/ytkfq/xwzx/index.shtml">新闻中心</a> &gt; 开发区要闻</div>
<div class="w main">
<div class="main-l">
<div class="lm-tit"><span>开发区要闻</span></div>
<ul class="list-ul">
{lis}
</ul>
<div class="fenye"><a href="index.shtml">首页</a><a class="on">1</a><a href="index_2.shtml">2</a><a href="index_3.shtml">3</a><a href="index_2.shtml">下一页</a><a href="index_35.shtml">尾页</a></div>
</div>
<div class="main-r">
{side_blocks(None)}
</div>
</div>
"""
    path = "/ytkfq/xwzx/index.shtml"
    site.add(path, path.lstrip("/"), "list", head(f"开发区要闻_{ZONE}") + body + tail(), {
        "items": [{"title": t, "link": url(d, i), "date": d} for d, i, t in ROWS],
        "next_page": "/ytkfq/xwzx/index_2.shtml",
        "notes": "links only in onclick=\"window.open('...')\" (href is javascript:void(0)); link text is "
                 "'[2022-10-11] title' (title label without the date prefix); the 推荐阅读 sidebar uses the same "
                 "'[date] title' form with real hrefs and is not the list; 热点新闻, 专题专栏 and a ~40-link menu too",
    }, CT, ENC)


def article(site, d, i, t):
    hm, src, editor, ps = ARTICLES[i]
    body = f"""<div class="w dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/ytkfq/xwzx/index.shtml">开发区要闻</a> &gt; 正文</div>
<div class="w main">
<div class="main-l xl_box">
<div class="xl_tit">{esc(t)}</div>
<div class="xl_info"><span>信息来源：{esc(src)}</span><span>发布时间：{d} {hm}</span><span>【<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
<div id="Zoom" class="xl_con">
{paras(ps, style="indent")}
</div>
<div class="xl_bottom"><span class="zrbj">责任编辑：{editor}</span><span>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</span></div>
</div>
<div class="main-r">
{side_blocks(i)}
</div>
</div>
"""
    site.add(url(d, i), url(d, i).lstrip("/"), "article", head(f"{t}_{ZONE}") + body + tail(), {
        "title": t,
        "published": f"{d}T{hm}:00+08:00",
        "source": src,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": [f"责任编辑：{editor}", "打印本页", "关闭窗口", "推荐阅读", "信息来源："],
        "notes": "信息来源 comes before 发布时间; GBK-only characters (堃/喆) in the page"
                 + ("; an image paragraph sits mid-body" if i == 5521 else ""),
    }, CT, ENC)


def build():
    site = Site("a09-gbk-yantai-etdz", "custom portal, onclick links (GBK)")
    list_page(site)
    for d, i, t in ROWS:
        if i in ARTICLES:
            article(site, d, i, t)
    return site.write()


if __name__ == "__main__":
    run(build)
