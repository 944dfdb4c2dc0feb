"""a03-gkml-zhengzhou-airport: 政府信息公开 table of 郑州航空港区, GB2312 bytes, header without charset."""
from common import Site, run, esc
from chrome import menu, breadcrumb, gov_footer, friend_links, paras

ENC = "gb2312"
CT = "text/html"
ORG = "郑州航空港经济综合实验区管理委员会"
BASE = "/zfxxgk/fdzdgknr/zcwj"
IDX = "11410100MB1K32156X"

# (发文日期, id, title, 发文机关, 文号 or "")
ROWS = [
    ("2022-10-11", 654321, "郑州航空港经济综合实验区管理委员会关于印发郑州航空港区促进跨境电子商务高质量发展若干措施的通知", ORG, "郑港管〔2022〕56号"),
    ("2022-10-10", 654298, "《郑州航空港区促进跨境电子商务高质量发展若干措施》政策解读", "郑州航空港区经济发展局", ""),
    ("2022-09-30", 653977, "郑州航空港经济综合实验区管理委员会办公室关于做好2022年国庆节期间安全生产工作的通知", ORG + "办公室", "郑港管办〔2022〕88号"),
    ("2022-09-28", 653802, "郑州航空港区关于进一步加快电子信息产业发展的实施意见", ORG, "郑港管〔2022〕53号"),
    ("2022-09-23", 653516, "郑州航空港区企业研发费用后补助资金管理办法", "郑州航空港区科技创新局", "郑港科〔2022〕12号"),
    ("2022-09-20", 653344, "郑州航空港经济综合实验区管理委员会关于公布第二批区级重点实验室名单的通知", ORG, "郑港管〔2022〕51号"),
    ("2022-09-15", 653011, "郑州航空港区2022年度重点建设项目名单", "郑州航空港区经济发展局", ""),
    ("2022-09-09", 652760, "郑州航空港区航空物流业发展专项资金管理办法", ORG, "郑港管〔2022〕48号"),
    ("2022-09-02", 652431, "关于印发郑州航空港区城市管理精细化提升行动方案的通知", ORG + "办公室", "郑港管办〔2022〕79号"),
    ("2022-08-29", 652205, "郑州航空港区关于支持总部经济发展的若干政策", ORG, "郑港管〔2022〕45号"),
    ("2022-08-19", 651873, "郑州航空港区2022年上半年财政预算执行情况", "郑州航空港区财政局", ""),
    ("2022-08-12", 651540, "郑州航空港区人才引进“港才计划”实施细则", "郑州航空港区党群工作部", "郑港党〔2022〕21号"),
]

ARTICLES = {
    654298: ("2022-10-09", "经济、管理\\商贸", [
        "近日，郑州航空港经济综合实验区管理委员会印发《郑州航空港区促进跨境电子商务高质量发展若干措施》，现就有关内容解读如下。",
        "一、出台背景",
        "跨境电子商务是发展速度最快、潜力最大、带动作用最强的外贸新业态。为充分发挥郑州航空港区空港型国家物流枢纽和跨境电商综合试验区核心区优势，推动跨境电商产业集聚发展，港区研究制定了《郑州航空港区促进跨境电子商务高质量发展若干措施》。",
        "二、主要内容",
        "《若干措施》共十二条，从培育市场主体、建设公共海外仓、完善物流通道、强化人才支撑等方面提出具体支持措施。对年度跨境电商进出口额首次突破1亿元的企业，给予一次性奖励50万元；对新建公共海外仓面积超过5000平方米的企业，按实际投资额的10%给予补助，最高300万元。",
        "三、适用范围",
        "《若干措施》适用于在郑州航空港区注册登记、具有独立法人资格、依法纳税的跨境电子商务企业和相关服务企业。",
        "解读机关：郑州航空港区经济发展局",
        "联系电话：0371-86198765",
    ]),
    653516: ("2022-09-16", "科技、教育\\科技", [
        "第一条 为鼓励企业加大研发投入，提升自主创新能力，根据国家、省、市有关科技创新政策规定，结合郑州航空港区实际，制定本办法。",
        "第二条 本办法所称研发费用后补助，是指企业先行投入开展研发活动，港区根据企业上年度研发费用增量情况给予资金补助。",
        "第三条 申请补助的企业应当在郑州航空港区注册并纳税，上年度研发费用不低于100万元，且已完成研发费用加计扣除申报。",
        "第四条 对上年度研发费用较前一年度新增部分，按10%的比例给予补助，单个企业年度补助额最高不超过500万元。",
        "第五条 港区科技创新局每年发布申报通知，企业按要求提交申请材料，经审核、公示后拨付补助资金。",
        "第六条 获得补助的企业应当如实提供申报材料。对弄虚作假骗取补助资金的，收回补助资金并依法依规追究责任。",
        "第七条 本办法自2022年10月1日起施行，有效期三年，由郑州航空港区科技创新局负责解释。",
    ]),
}

TREE = [
    ("政府信息公开指南", "/zfxxgk/xxgkzn/index.html", []),
    ("政府信息公开制度", "/zfxxgk/xxgkzd/index.html", []),
    ("法定主动公开内容", "/zfxxgk/fdzdgknr/index.html", [
        ("机构职能", "/zfxxgk/fdzdgknr/jgzn/index.html"), ("政策文件", f"{BASE}/index.html"),
        ("规划计划", "/zfxxgk/fdzdgknr/ghjh/index.html"), ("统计信息", "/zfxxgk/fdzdgknr/tjxx/index.html"),
        ("财政预决算", "/zfxxgk/fdzdgknr/czyjs/index.html"), ("重大建设项目", "/zfxxgk/fdzdgknr/zdjsxm/index.html"),
        ("行政许可", "/zfxxgk/fdzdgknr/xzxk/index.html"), ("行政处罚", "/zfxxgk/fdzdgknr/xzcf/index.html"),
        ("政府采购", "/zfxxgk/fdzdgknr/zfcg/index.html"), ("人事信息", "/zfxxgk/fdzdgknr/rsxx/index.html"),
        ("公共资源配置", "/zfxxgk/fdzdgknr/ggzypz/index.html"), ("社会公益事业", "/zfxxgk/fdzdgknr/shgysy/index.html"),
        ("生态环境", "/zfxxgk/fdzdgknr/sthj/index.html"), ("安全生产", "/zfxxgk/fdzdgknr/aqsc/index.html"),
        ("建议提案办理", "/zfxxgk/fdzdgknr/jytabl/index.html"), ("应急管理", "/zfxxgk/fdzdgknr/yjgl/index.html"),
        ("政策解读", "/zfxxgk/fdzdgknr/zcjd/index.html"), ("新闻发布会", "/zfxxgk/fdzdgknr/xwfbh/index.html")]),
    ("政府信息公开年报", "/zfxxgk/ndbg/index.html", [("2021年度", "/zfxxgk/ndbg/2021/index.html"),
                                                  ("2020年度", "/zfxxgk/ndbg/2020/index.html"),
                                                  ("2019年度", "/zfxxgk/ndbg/2019/index.html")]),
    ("依申请公开", "/zfxxgk/ysqgk/index.html", [("申请须知", "/zfxxgk/ysqgk/sqxz/index.html"),
                                              ("在线申请", "/zfxxgk/ysqgk/zxsq/index.html"),
                                              ("申请表下载", "/zfxxgk/ysqgk/sqbxz/index.html")]),
    ("部门信息公开", "/zfxxgk/bmxxgk/index.html", [("经济发展局", "/zfxxgk/bmxxgk/jjfzj/index.html"),
                                                ("科技创新局", "/zfxxgk/bmxxgk/kjcxj/index.html"),
                                                ("财政局", "/zfxxgk/bmxxgk/czj/index.html"),
                                                ("党群工作部", "/zfxxgk/bmxxgk/dqgzb/index.html")]),
]

LOCAL = [("河南省人民政府", "https://www.henan.gov.cn/"), ("郑州市人民政府", "https://www.zhengzhou.gov.cn/"),
         ("郑东新区", "http://zdx.zhengzhou.gov.cn/"), ("郑州经开区", "http://www.zzjkq.gov.cn/"),
         ("郑州高新区", "http://www.zzgx.gov.cn/"), ("中原区人民政府", "http://www.zhongyuan.gov.cn/"),
         ("新郑市人民政府", "http://www.xinzheng.gov.cn/"), ("中牟县人民政府", "http://www.zhongmou.gov.cn/")]

FOOT = gov_footer(ORG + "办公室", "豫ICP备13003456号-1", "4101000051", gongan="豫公网安备 41019702002345号",
                  addr="郑州航空港经济综合实验区四港联动大道与云港路交叉口", tel="0371-86198000")


def cn_date(d):
    y, m, dd = d.split("-")
    return f"{y}年{m}月{dd}日"


def url(d, i):
    return f"{BASE}/{d[:7].replace('-', '')}/t{d.replace('-', '')}_{i}.html"


def head(title):
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/zfxxgk/images/gkml.css" />
</head>
<body>
<div class="gk-top"><img src="/zfxxgk/images/gk_banner.jpg" alt="{ORG}政府信息公开" /></div>
<div class="gk-nav"><a href="/">港区首页</a> | <a href="/zfxxgk/index.html">政府信息公开</a> | <a href="/zfxxgk/xxgkzn/index.html">公开指南</a> | <a href="/zfxxgk/ysqgk/index.html">依申请公开</a> | <a href="/zfxxgk/ndbg/index.html">公开年报</a></div>
"""


def tail():
    return f"""{friend_links(LOCAL, mode="inline")}
{FOOT}
</body>
</html>
"""


def list_page(site):
    trs = "\n".join(f"""<tr>
<td class="syh">{IDX}/2022-{i % 100000:05d}</td>
<td class="bt"><a href="./{d[:7].replace('-', '')}/t{d.replace('-', '')}_{i}.html" target="_blank" title="{esc(t)}">{esc(t)}</a></td>
<td>{esc(org)}</td>
<td>{cn_date(d)}</td>
</tr>""" for d, i, t, org, wh in ROWS)
    body = f"""{breadcrumb([("首页", "/"), ("政府信息公开", "/zfxxgk/index.html"), ("法定主动公开内容", "/zfxxgk/fdzdgknr/index.html"), ("政策文件", None)], sep="&gt;&gt;")}
<div class="gk-main">
<div class="gk-left"><h3>信息公开目录</h3>
{menu(TREE, cls="tree")}
</div>
<div class="gk-right">
<div class="gk-search"><form action="/search/gkml.jsp" method="get">标题：<input type="text" name="title" /> 文号：<input type="text" name="wh" /> 发文机关：<select name="fwjg"><option value="">全部</option><option>{ORG}</option><option>{ORG}办公室</option></select> <input type="submit" value="检索" /></form></div>
<table class="gkml-table" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr class="th"><th width="20%">索引号</th><th>标题</th><th width="18%">发文机关</th><th width="14%">发文日期</th></tr>
{trs}
</table>
<div class="page">共8页&nbsp;&nbsp;<span>首页</span>&nbsp;<span>上一页</span>&nbsp;<a href="index_1.html">下一页</a>&nbsp;<a href="index_7.html">尾页</a></div>
</div>
</div>
"""
    path = f"{BASE}/index.html"
    site.add(path, path.lstrip("/"), "list", head(f"政策文件_{ORG}") + body + tail(), {
        "items": [{"title": t, "link": url(d, i), "date": cn_date(d)} for d, i, t, o, w in ROWS],
        "next_page": f"{BASE}/index_1.html",
        "notes": "GB2312 bytes, HTTP header has no charset (meta http-equiv only); 政府信息公开 table with "
                 "索引号/标题/发文机关/发文日期 cells, dates like 2022年10月11日; left 目录 tree has 30+ links",
    }, CT, ENC)


def article(site, d, i, t, org, wh):
    written, topic, ps = ARTICLES[i]
    heads = f"""<table class="xxgk-info" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><th>索&nbsp;引&nbsp;号：</th><td>{IDX}/2022-{i % 100000:05d}</td><th>主题分类：</th><td>{esc(topic)}</td></tr>
<tr><th>发文机关：</th><td>{esc(org)}</td><th>成文日期：</th><td>{cn_date(written)}</td></tr>
<tr><th>标　　题：</th><td colspan="3">{esc(t)}</td></tr>
<tr><th>发文字号：</th><td>{wh}</td><th>发布日期：</th><td>{cn_date(d)}</td></tr>
<tr><th>有&nbsp;效&nbsp;性：</th><td>有效</td><th>&nbsp;</th><td>&nbsp;</td></tr>
</table>"""
    body_ps = [f"<p><strong>{p}</strong></p>" if p[:2] in ("一、", "二、", "三、") else p for p in ps]
    body = f"""{breadcrumb([("首页", "/"), ("政府信息公开", "/zfxxgk/index.html"), ("政策文件", f"{BASE}/index.html")], sep="&gt;&gt;")}
<div class="gk-detail">
{heads}
<div class="xxgk-title"><h1>{esc(t)}</h1></div>
<div class="xxgk-con" id="zoom">
{paras(body_ps, style="indent")}
</div>
<div class="fujian"></div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
"""
    site.add(url(d, i), url(d, i).lstrip("/"), "article", head(f"{t}_{ORG}") + body + tail(), {
        "title": t,
        "published": d,
        "source": org,
        "body_starts": ps[0][:20],
        "body_ends": ps[-1][-20:],
        "not_in_body": ["主题分类：", "成文日期：", "发文字号：", "打印本页", "关闭窗口"],
        "notes": "gkml detail: metadata table (索引号/发文机关/成文日期/发布日期); published is 发布日期 "
                 f"{cn_date(d)}, not 成文日期 {cn_date(written)}; source is the 发文机关 cell; "
                 "the title is repeated in the 标题 cell of the metadata table",
    }, CT, ENC)


def build():
    site = Site("a03-gkml-zhengzhou-airport", "政府信息公开")
    list_page(site)
    for r in ROWS:
        if r[1] in ARTICLES:
            article(site, *r)
    return site.write()


if __name__ == "__main__":
    run(build)
