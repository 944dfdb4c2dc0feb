"""Page chrome shared by the a-sites: menus, sidebars, 友情链接, footers, paragraphs.

Everything here is noise around the labelled content; a detector must skip it.
"""
import html

esc = html.escape


def meta_charset(enc, style="html5"):
    if style == "html5":
        return f'<meta charset="{enc}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={enc}" />'


MINISTRIES = [
    ("中国政府网", "http://www.gov.cn/"),
    ("国家发展和改革委员会", "https://www.ndrc.gov.cn/"),
    ("商务部", "http://www.mofcom.gov.cn/"),
    ("科学技术部", "https://www.most.gov.cn/"),
    ("工业和信息化部", "https://www.miit.gov.cn/"),
    ("财政部", "http://www.mof.gov.cn/"),
    ("自然资源部", "https://www.mnr.gov.cn/"),
    ("生态环境部", "https://www.mee.gov.cn/"),
    ("人力资源和社会保障部", "http://www.mohrss.gov.cn/"),
    ("国家税务总局", "http://www.chinatax.gov.cn/"),
    ("海关总署", "http://www.customs.gov.cn/"),
    ("国家市场监督管理总局", "https://www.samr.gov.cn/"),
    ("国家统计局", "http://www.stats.gov.cn/"),
    ("国家知识产权局", "https://www.cnipa.gov.cn/"),
]


def friend_links(local, mode="list", heading="友情链接"):
    """local: [(name, url)] of provincial/city sites. mode: list | select | inline."""
    links = MINISTRIES + local
    if mode == "select":
        half = len(MINISTRIES)
        groups = [("国家部委网站", links[:half]), ("省市政府网站", links[half:])]
        out = [f'<div class="yqlj"><span class="yqlj-t">{heading}：</span>']
        for g, ls in groups:
            out.append('<select onchange="if(this.value!=\'\'){window.open(this.value);}">')
            out.append(f'<option value="">----{g}----</option>')
            out += [f'<option value="{u}">{esc(n)}</option>' for n, u in ls]
            out.append("</select>")
        out.append("</div>")
        return "\n".join(out)
    if mode == "inline":
        inner = " | ".join(f'<a href="{u}" target="_blank">{esc(n)}</a>' for n, u in links)
        return f'<div class="links"><b>{heading}：</b>{inner}</div>'
    lis = "\n".join(f'<li><a href="{u}" target="_blank">{esc(n)}</a></li>' for n, u in links)
    return f'<div class="friend-links">\n<h4>{heading}</h4>\n<ul>\n{lis}\n</ul>\n</div>'


def menu(sections, cls="nav"):
    """sections: [(name, href, [(sub, href), ...])] -> nested <ul>."""
    out = [f'<div class="{cls}"><ul class="{cls}-list">']
    for name, href, subs in sections:
        out.append(f'<li class="{cls}-item"><a href="{href}">{esc(name)}</a>')
        if subs:
            out.append('<ul class="sub">')
            out += [f'<li><a href="{h}">{esc(s)}</a></li>' for s, h in subs]
            out.append("</ul>")
        out.append("</li>")
    out.append("</ul></div>")
    return "\n".join(out)


def count_menu_links(sections):
    return sum(1 + len(s[2]) for s in sections)


def sidebar(title, items, cls="side-box", more=None, dates=False):
    """items: [(title, href)] or [(title, href, date)] when dates."""
    out = [f'<div class="{cls}">', f'<div class="{cls}-hd"><h3>{esc(title)}</h3>']
    if more:
        out.append(f'<a class="more" href="{more}">更多&gt;&gt;</a>')
    out.append("</div><ul>")
    for it in items:
        t, h = it[0], it[1]
        d = f"<span>{it[2]}</span>" if dates else ""
        out.append(f'<li><a href="{h}" target="_blank" title="{esc(t)}">{esc(t)}</a>{d}</li>')
    out.append("</ul></div>")
    return "\n".join(out)


def breadcrumb(parts, sep="&gt;", label="当前位置："):
    """parts: [(name, href or None)]."""
    segs = [f'<a href="{h}">{esc(n)}</a>' if h else f"<span>{esc(n)}</span>" for n, h in parts]
    return f'<div class="breadcrumb">{label}{(" " + sep + " ").join(segs)}</div>'


def gov_footer(host_org, icp, bsm, gongan=None, addr=None, tel=None, undertaker=None):
    rows = [f"<p>主办单位：{esc(host_org)}"]
    if undertaker:
        rows[0] += f"　承办单位：{esc(undertaker)}"
    rows[0] += "</p>"
    if addr or tel:
        rows.append(f"<p>地址：{esc(addr or '')}　联系电话：{esc(tel or '')}</p>")
    rec = f'<a href="https://beian.miit.gov.cn/" target="_blank">{esc(icp)}</a>　网站标识码：{bsm}'
    if gongan:
        rec += (f'　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode='
                f'{"".join(c for c in gongan if c.isdigit())}" target="_blank">'
                f'<img src="/images/ga.png" alt="">{esc(gongan)}</a>')
    rows.append(f"<p>{rec}</p>")
    rows.append('<p><a href="/wzdt/index.html">网站地图</a> | <a href="/lxwm/index.html">联系我们</a>'
                ' | <a href="/mzsm/index.html">免责声明</a></p>')
    rows.append('<div class="dzjg"><a href="http://bszs.conac.cn/sitename?method=show&amp;id=0" '
                'target="_blank"><img src="/images/dzjg.png" alt="党政机关"></a>'
                '<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code='
                f'{bsm}&amp;url=" target="_blank"><img src="/images/jiucuo.png" alt="政府网站找错"></a></div>')
    return '<div class="footer">\n' + "\n".join(rows) + "\n</div>"


def paras(ps, style="plain"):
    """style: plain | indent (leading 　　) | css (text-indent) | nbsp (&nbsp; indent)."""
    out = []
    for p in ps:
        if p.startswith("<"):
            out.append(p)
        elif style == "indent":
            out.append(f"<p>　　{p}</p>")
        elif style == "css":
            out.append(f'<p style="text-indent: 2em; line-height: 2em;">{p}</p>')
        elif style == "nbsp":
            out.append(f'<p>&nbsp;&nbsp;&nbsp;&nbsp;<span style="font-size: 16px;">{p}</span></p>')
        else:
            out.append(f"<p>{p}</p>")
    return "\n".join(out)


def share_bar():
    return ('<div class="share">分享到：<a href="javascript:;" class="wx">微信</a>'
            '<a href="javascript:;" class="wb">微博</a><a href="javascript:;" class="qq">QQ空间</a></div>')
