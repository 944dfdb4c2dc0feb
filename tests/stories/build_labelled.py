#!/usr/bin/env python3
"""Writes tests/stories/labelled.json: the hand-made labelled set for story detection.

Every text below was written by hand for this set, in the style of the bundled examples
(examples/sources/README.md): invented, but modelled on how Chinese development-zone news
is written and reposted. Each story is a few paragraphs; each of its copies is the story
as another site carries it, with the edits the issue lists, spelled out per copy:

  label    【签约】-style label before the title
  source   （来源：南通日报） after the text
  photo    （图） after the title, an extra <img> with a 图为… caption
  editor   a 责任编辑 line (and 审核 / 来源 lines) after the text
  added    a paragraph more (background the copy adds)
  removed  the last paragraph dropped
  retitle  a rewritten headline over the same body
  summary  only the first paragraph, as a summary (portals that link out)
  width    full-width digits and punctuation in the title, 转载： before it
  later    one day later than the first copy (others are hours later)

Near misses are templated reports that must stay apart: the same template in two zones on
the same day, the same monthly report for two months, the same list for two batches.

Run from the repository root: python3 tests/stories/build_labelled.py
"""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

CST = timezone(timedelta(hours=8))

# Sources: id -> (name, region, zone). Zones None: city or province sites whose items name
# no configured zone (the classifier found none), so only the text can tell stories apart.
SOURCES = {
    "nantong-daily": ("南通日报", "nantong", None),
    "nt-hitech": ("南通高新区管委会", "nantong", "nantong-hitech"),
    "nt-etdz": ("南通经济技术开发区", "nantong", "nantong-etdz"),
    "nantong-gov": ("南通市人民政府", "nantong", None),
    "jiangsu-commerce": ("江苏省商务厅", "jiangsu", None),
    "investchn": ("投促中国", "jiangsu", None),
    "sip": ("苏州工业园区管委会", "suzhou", "suzhou-sip"),
    "suzhou-daily": ("苏州日报", "suzhou", None),
    "kunshan": ("昆山开发区", "kunshan", "kunshan-etdz"),
    "wuxi-daily": ("无锡日报", "wuxi", None),
    "wuxi-hitech": ("无锡高新区", "wuxi", "wuxi-hitech"),
    "ningbo-etdz": ("宁波开发区", "ningbo", "ningbo-etdz"),
}

# Repost groups: (key, zone of the story or None, first source, date "MM-DD HH:MM", title,
# paragraphs, rewritten headline, added paragraph, copies). A copy: (source, edits, hours
# after the first copy). The copy's zone is its source's zone, else the story's zone when
# the copy names it (province and portal copies do), else None.
STORIES = [
    ("hitech-signing", "nantong-hitech", "nt-hitech", "09-28 08:00",
     "南通高新区12个重大项目集中签约 总投资52亿元",
     ["9月27日上午，南通高新区举行2026年第三季度重大项目集中签约仪式，12个先进制造业项目现场签约，总投资52亿元，涵盖新一代信息技术、高端装备和新材料等领域。",
      "签约项目中，投资超10亿元的项目4个，外资项目3个，预计全部达产后可新增年产值86亿元、税收4.3亿元。",
      "区党工委书记在致辞中表示，高新区将以最优服务保障项目早开工、早投产、早见效，为全市高质量发展贡献更多力量。"],
     "总投资52亿元！12个项目落户南通高新区",
     "今年以来，南通高新区累计签约亿元以上项目47个，实际使用外资同比增长18.6%。",
     [("nantong-daily", ["label", "source"], 3), ("jiangsu-commerce", ["photo", "editor"], 24),
      ("investchn", ["retitle", "photo", "editor"], 26)]),
    ("etdz-industrial-park", "nantong-etdz", "nt-etdz", "09-03 09:30",
     "南通经开区智能装备产业园一期竣工投用",
     ["9月2日，南通经开区智能装备产业园一期工程竣工投用，首批入驻企业18家，主要从事工业机器人、数控机床和智能传感器研发制造。",
      "产业园一期总建筑面积21万平方米，总投资15.8亿元，配套建设中试基地和人才公寓，预计年产值可达40亿元。",
      "下一步，经开区将加快推进二期建设，力争明年6月底前主体完工。"],
     "新增产值40亿元 这个产业园在南通经开区投用",
     "据悉，智能装备产业是南通经开区重点培育的三大主导产业之一，去年产值突破600亿元。",
     [("nantong-daily", ["removed"], 5), ("investchn", ["added", "source"], 28)]),
    ("sip-foreign-investment", "suzhou-sip", "sip", "09-10 10:00",
     "苏州工业园区6个外资项目签约 总投资9.2亿美元",
     ["9月9日，苏州工业园区举行外资项目集中签约活动，6个外资项目签约落户，总投资9.2亿美元，涉及生物医药、集成电路和新能源汽车零部件等领域。",
      "其中，德国某精密制造企业将在园区设立亚太区研发中心，总投资2.1亿美元，预计带动就业800人。",
      "园区相关负责人表示，将持续优化外资企业服务机制，打造国际一流营商环境。"],
     "9.2亿美元！又一批外资项目落户苏州工业园区",
     "今年1至8月，苏州工业园区新设外资项目127个，实际使用外资21.4亿美元。",
     [("suzhou-daily", ["label", "editor"], 4), ("jiangsu-commerce", ["retitle", "source"], 24),
      ("investchn", ["summary"], 30)]),
    ("kunshan-expo", "kunshan-etdz", "kunshan", "09-15 09:00",
     "昆山开发区赴深圳举办电子信息产业招商推介会",
     ["9月14日，昆山开发区在深圳举办电子信息产业招商推介会，120余家企业代表参加，现场签约项目8个，总投资36亿元。",
      "推介会上，开发区详细介绍了光电显示、半导体和智能终端产业链布局及人才、金融等配套政策。",
      "与会企业家表示，昆山开发区产业基础扎实、配套完善，将进一步扩大在昆投资。"],
     "8个项目36亿元 昆山开发区深圳招商收获满满",
     None,
     [("suzhou-daily", ["photo", "source"], 6), ("investchn", ["label", "width"], 27)]),
    ("wuxi-biomed-policy", "wuxi-hitech", "wuxi-hitech", "09-05 15:00",
     "无锡高新区出台支持生物医药产业高质量发展十条措施",
     ["9月5日，无锡高新区正式出台《关于支持生物医药产业高质量发展的若干措施》，从研发创新、临床试验、产业化和人才引育等方面提出十条举措。",
      "措施明确，对取得一类新药临床批件的企业给予最高1000万元奖励，对新建GMP厂房给予每平方米300元补贴。",
      "据测算，该政策每年将安排专项资金不少于3亿元。"],
     "最高奖励1000万元！无锡高新区十条措施支持生物医药",
     "目前，无锡高新区集聚生物医药企业460余家，去年实现产值420亿元。",
     [("wuxi-daily", ["retitle", "editor"], 18), ("jiangsu-commerce", ["added", "photo"], 26)]),
    ("ningbo-port-logistics", "ningbo-etdz", "ningbo-etdz", "09-18 11:00",
     "宁波开发区冷链物流中心项目开工",
     ["9月17日，宁波开发区冷链物流中心项目正式开工，项目总投资12.6亿元，规划建设冷库容量30万吨，建成后将成为长三角南翼重要的冷链物流枢纽。",
      "项目依托宁波舟山港优势，重点发展进口冷链食品仓储、分拨和加工业务，预计年周转量超过200万吨。",
      "开发区负责人表示，将全力做好要素保障，确保项目2028年建成投用。"],
     "总投资12.6亿元 宁波开发区建设长三角冷链物流枢纽",
     None,
     [("investchn", ["label", "source", "editor"], 25), ("jiangsu-commerce", ["removed"], 8)]),
    ("hitech-talent", "nantong-hitech", "nantong-daily", "09-12 07:30",
     "南通高新区发布人才新政 博士落户最高补贴50万元",
     ["9月11日，南通高新区发布新一轮人才引进政策，对新引进的全职博士给予最高50万元安家补贴，硕士研究生给予最高10万元。",
      "政策还提出，对入选省级以上人才计划的创新创业团队，给予最高2000万元项目资助，并提供三年免租的研发场地。",
      "高新区相关负责人介绍，政策自10月1日起施行，有效期三年。"],
     "博士最高补贴50万元！南通高新区抛出人才橄榄枝",
     "2025年，南通高新区累计引进各类人才1.2万人，其中博士320人。",
     [("nt-hitech", ["photo"], 2), ("nantong-gov", ["added", "editor"], 5),
      ("investchn", ["summary", "later"], 24)]),
    ("etdz-semiconductor", "nantong-etdz", "nt-etdz", "09-20 16:00",
     "总投资80亿元 南通经开区半导体封测项目开工",
     ["9月20日，总投资80亿元的高端半导体封装测试项目在南通经开区开工建设，项目分两期实施，一期投资35亿元，建设先进封装生产线6条。",
      "项目全部达产后，预计年封装测试芯片48亿颗，年产值超过100亿元，将进一步完善南通集成电路产业链。",
      "开工仪式上，市领导要求相关部门加强服务，推动项目早日建成投产。"],
     "南通经开区再添百亿级产业项目",
     "南通经开区已集聚集成电路企业60余家，形成设计、制造、封测和材料配套的完整产业链。",
     [("nantong-daily", ["label", "source"], 14), ("jiangsu-commerce", ["retitle", "editor"], 20),
      ("investchn", ["photo", "added"], 40)]),
    ("sip-ai-center", "suzhou-sip", "sip", "09-22 09:00",
     "苏州工业园区人工智能创新中心揭牌运营",
     ["9月21日，苏州工业园区人工智能创新中心揭牌运营，中心由园区与多所高校共同建设，首批入驻人工智能企业35家。",
      "创新中心配备算力规模达1200P的公共算力平台，向入驻企业提供低成本算力服务和模型训练支持。",
      "园区将每年安排不少于2亿元专项资金，支持人工智能关键技术攻关和场景应用。"],
     "1200P算力平台开放 苏州工业园区人工智能创新中心启用",
     None,
     [("suzhou-daily", ["removed", "editor"], 3), ("investchn", ["retitle", "source"], 26)]),
    ("wuxi-ev-parts", "wuxi-hitech", "wuxi-daily", "09-08 08:00",
     "无锡高新区新能源汽车零部件产业园签约 引进项目15个",
     ["9月7日，无锡高新区新能源汽车零部件产业园项目签约仪式举行，首批15个项目签约入园，总投资68亿元，涵盖动力电池、电驱系统和汽车电子等领域。",
      "产业园规划面积3.5平方公里，将打造集研发、制造、检测于一体的新能源汽车零部件产业集群。",
      "高新区表示，力争到2028年产业园产值突破300亿元。"],
     "68亿元！无锡高新区再添新能源汽车产业集群",
     "无锡高新区汽车及零部件产业去年实现产值760亿元，同比增长12.3%。",
     [("wuxi-hitech", ["label"], 2), ("jiangsu-commerce", ["added", "source"], 28),
      ("investchn", ["retitle", "photo"], 30)]),
    ("hitech-park-opening", "nantong-hitech", "nt-hitech", "09-24 10:00",
     "南通高新区科创园二期开园 首批入驻企业42家",
     ["9月23日，南通高新区科创园二期正式开园，首批42家科技型企业集中入驻，涉及软件信息、工业互联网和检验检测等领域。",
      "科创园二期建筑面积16万平方米，设有孵化器、加速器和公共技术服务平台，可容纳企业300家以上。",
      "高新区将对入驻企业给予最长三年房租减免，并设立5亿元科创基金。"],
     "42家科技企业集中入驻 南通高新区科创园二期开园",
     None,
     [("nantong-daily", ["photo", "editor"], 4), ("nantong-gov", ["label", "removed"], 6)]),
    ("jiangsu-zone-ranking", None, "jiangsu-commerce", "09-26 15:00",
     "江苏公布2026年度省级开发区综合考评结果",
     ["9月26日，江苏省商务厅公布2026年度省级以上开发区综合考评结果，苏州工业园区、昆山经济技术开发区和南京江宁经济技术开发区位列国家级经开区前三。",
      "考评从产业发展、科技创新、开放合作、绿色发展和营商环境五个方面进行，共涉及指标38项。",
      "省商务厅表示，考评结果将作为开发区扩区调区和政策支持的重要依据。"],
     "苏州工业园区蝉联第一 江苏开发区考评结果出炉",
     "全省现有省级以上开发区158家，其中国家级经开区27家、国家级高新区18家。",
     [("investchn", ["retitle", "source"], 20), ("suzhou-daily", ["added", "editor"], 22)]),
    ("nantong-fair", None, "nantong-gov", "09-16 09:00",
     "2026南通投资贸易洽谈会开幕 签约项目286个",
     ["9月15日，2026南通投资贸易洽谈会在南通国际会展中心开幕，现场签约项目286个，总投资1860亿元，其中外资项目64个。",
      "本届洽谈会设置先进制造、现代服务和海洋经济三大展区，来自23个国家和地区的1200余名客商参会。",
      "市委书记在开幕式上表示，南通将以更大力度推进高水平对外开放。"],
     "1860亿元！南通投洽会签约项目286个",
     "洽谈会期间还将举办产业对接会、人才招聘会等活动18场。",
     [("nantong-daily", ["label", "photo"], 2), ("jiangsu-commerce", ["retitle", "editor"], 24),
      ("investchn", ["summary", "source"], 26)]),
    ("sip-bio-lab", "suzhou-sip", "suzhou-daily", "09-06 08:30",
     "苏州工业园区生物医药公共实验平台投入使用",
     ["9月5日，苏州工业园区生物医药公共实验平台正式投入使用，平台总面积2.8万平方米，配备细胞培养、药物筛选和动物实验等专业设施。",
      "平台采用共享模式运营，中小企业可按小时租用设备，预计每年为企业节省研发成本超过3亿元。",
      "目前已有28家企业与平台签订服务协议。"],
     "每年为企业省下3亿元研发成本 这个平台在园区启用",
     None,
     [("sip", ["label", "source"], 3), ("investchn", ["width", "editor"], 29)]),
    ("kunshan-taiwan", "kunshan-etdz", "kunshan", "09-19 10:00",
     "昆山开发区举办台资企业转型升级交流会",
     ["9月18日，昆山开发区举办台资企业转型升级交流会，80余家台资企业负责人参会，围绕智能化改造和绿色低碳发展开展交流。",
      "会上发布了台资企业智能化改造专项扶持政策，对年度设备投资超过2000万元的技改项目给予最高15%的补助。",
      "开发区现有台资企业1200余家，累计投资总额超过260亿美元。"],
     "最高补助15% 昆山开发区支持台资企业智能化改造",
     None,
     [("suzhou-daily", ["removed", "source"], 5), ("jiangsu-commerce", ["retitle", "photo"], 25)]),
    ("wuxi-ic-fund", "wuxi-hitech", "wuxi-hitech", "09-25 14:00",
     "无锡高新区设立100亿元集成电路产业基金",
     ["9月25日，无锡高新区集成电路产业投资基金正式设立，基金总规模100亿元，首期规模30亿元，由区属国资平台联合社会资本共同发起。",
      "基金将重点投向芯片设计、特色工艺制造和关键装备材料等环节，单个项目投资额最高可达5亿元。",
      "高新区相关负责人表示，基金将与招商引资深度融合，以投带引。"],
     "百亿基金落地 无锡高新区加码集成电路产业",
     "无锡高新区集成电路产业规模已超过1500亿元，约占全市的七成。",
     [("wuxi-daily", ["label", "added"], 3), ("investchn", ["editor"], 27)]),
    ("ningbo-petrochem", "ningbo-etdz", "ningbo-etdz", "09-09 09:00",
     "宁波开发区绿色石化新材料项目投产",
     ["9月8日，宁波开发区一家企业投资45亿元建设的高性能聚烯烃新材料项目正式投产，年产能60万吨，产品主要用于汽车轻量化和高端包装领域。",
      "项目采用国际先进的低能耗工艺，单位产品综合能耗比行业平均水平低18%。",
      "项目达产后预计年销售收入75亿元，利税8亿元。"],
     "年产60万吨！宁波开发区又一新材料项目投产",
     None,
     [("investchn", ["photo", "source"], 24), ("jiangsu-commerce", ["label", "editor", "removed"], 10)]),
    ("hitech-gov-service", "nantong-hitech", "nantong-gov", "09-02 10:00",
     "南通高新区推行企业开办一件事全流程网办",
     ["9月1日起，南通高新区推行企业开办一件事全流程网上办理，企业设立登记、公章刻制、发票申领和社保登记等事项一次提交、一日办结。",
      "改革后，企业开办所需材料由原来的23份精简至9份，办理时间由3个工作日压缩至1个工作日以内。",
      "截至目前，已有126家企业通过新系统完成开办。"],
     "一日办结！南通高新区企业开办一件事全程网办",
     None,
     [("nt-hitech", ["label", "added"], 2), ("nantong-daily", ["retitle", "source"], 20)]),
    ("etdz-training", "nantong-etdz", "nantong-daily", "09-11 08:00",
     "南通经开区启动产业工人技能提升三年行动",
     ["9月10日，南通经开区启动产业工人技能提升三年行动计划，计划三年内培训产业工人3万人次，新增高技能人才5000人。",
      "行动计划提出，对企业开展的新型学徒制培训给予每人每年6000元补贴，对新取得高级工证书的职工给予一次性奖励2000元。",
      "经开区还将联合区内职业院校建设5个公共实训基地。"],
     "三年培训3万人次 南通经开区为产业工人充电",
     "经开区现有规上工业企业580家，技能人才缺口约1.2万人。",
     [("nt-etdz", ["editor", "added"], 1), ("jiangsu-commerce", ["summary"], 26)]),
    ("sip-expo-export", "suzhou-sip", "sip", "09-27 09:00",
     "苏州工业园区1至8月进出口总额增长9.6%",
     ["今年1至8月，苏州工业园区实现进出口总额4250亿元，同比增长9.6%，其中出口2630亿元，增长11.2%。",
      "集成电路、生物医药和新能源产品出口增势明显，分别增长14.8%、21.3%和36.5%。",
      "园区跨境电商进出口额达到186亿元，同比增长42%。"],
     "出口增长11.2% 苏州工业园区外贸稳中向好",
     None,
     [("suzhou-daily", ["label", "source"], 5), ("investchn", ["retitle", "editor"], 25)]),
    ("wuxi-talent-week", "wuxi-hitech", "wuxi-daily", "09-21 07:00",
     "无锡高新区人才周开幕 发布岗位需求4800个",
     ["9月20日，2026无锡高新区人才周开幕，区内320家企业发布岗位需求4800个，其中研发岗位1600个，平均年薪较去年提高8%。",
      "人才周期间将举办高校人才对接会、海外人才项目路演等活动12场，预计吸引各类人才2万人次参加。",
      "高新区同步发布人才安居新政，新引进人才可享受最长五年的租房补贴。"],
     "4800个岗位等你来 无锡高新区人才周开幕",
     None,
     [("wuxi-hitech", ["photo", "editor"], 3), ("jiangsu-commerce", ["label", "removed"], 20)]),
    ("ningbo-fta", "ningbo-etdz", "investchn", "09-23 10:00",
     "宁波开发区跨境电商综合试验区新政发布",
     ["9月22日，宁波开发区发布跨境电商综合试验区扶持新政，对年进出口额首次突破1亿元的跨境电商企业给予最高300万元奖励。",
      "新政还提出建设海外仓服务网络，对企业在境外新建或租用的公共海外仓给予最高500万元补助。",
      "开发区今年跨境电商进出口额预计突破150亿元。"],
     "最高奖励300万元 宁波开发区发力跨境电商",
     "目前，开发区已集聚跨境电商企业400余家，建成海外仓36个。",
     [("ningbo-etdz", ["label", "added"], 1), ("jiangsu-commerce", ["retitle", "source"], 24)]),
    ("hitech-water", "nantong-hitech", "nt-hitech", "09-07 16:00",
     "南通高新区污水处理厂提标改造工程完工",
     ["9月7日，南通高新区污水处理厂提标改造工程完工并通过验收，日处理能力由8万吨提升至12万吨，出水水质达到地表水准四类标准。",
      "工程总投资3.6亿元，新建深度处理单元和中水回用系统，每年可为园区企业提供再生水1200万吨。",
      "下一步，高新区将推进雨污分流改造，提升园区水环境质量。"],
     "日处理能力提升至12万吨 南通高新区治污再升级",
     None,
     [("nantong-daily", ["photo", "removed"], 16), ("nantong-gov", ["label", "source"], 18)]),
    ("etdz-foreign-trade", "nantong-etdz", "nt-etdz", "09-14 11:00",
     "南通经开区举办外贸企业出海拓市场对接会",
     ["9月13日，南通经开区举办外贸企业出海拓市场对接会，组织区内65家外贸企业与来自东南亚、中东的32家采购商开展洽谈，意向成交额2.3亿美元。",
      "对接会还邀请海关、税务和金融机构现场解读出口退税、跨境结算等政策。",
      "经开区将全年组织企业参加境外展会20场以上。"],
     "意向成交2.3亿美元 南通经开区助企出海",
     None,
     [("nantong-daily", ["label", "editor"], 3), ("investchn", ["retitle", "summary"], 28)]),
    ("kunshan-chip", "kunshan-etdz", "suzhou-daily", "09-26 08:00",
     "昆山开发区光电显示项目二期投产",
     ["9月25日，昆山开发区一家光电显示企业二期项目投产，项目总投资120亿元，建成第8.6代柔性显示面板生产线，月产能达到3.2万片。",
      "二期投产后，企业年产值将超过200亿元，带动上下游配套企业40余家落户。",
      "昆山开发区光电显示产业已形成从玻璃基板到整机制造的完整产业链。"],
     "月产能3.2万片 昆山开发区百亿级项目投产",
     "去年，昆山开发区光电显示产业产值达到1100亿元。",
     [("kunshan", ["label", "source"], 2), ("jiangsu-commerce", ["added", "photo"], 26),
      ("investchn", ["retitle", "editor"], 28)]),
    ("sip-green", "suzhou-sip", "sip", "09-13 10:00",
     "苏州工业园区发布近零碳园区建设实施方案",
     ["9月12日，苏州工业园区发布近零碳园区建设实施方案，提出到2030年园区单位地区生产总值碳排放比2020年下降45%。",
      "方案部署能源结构优化、产业绿色转型和建筑节能改造等八大行动，计划新增分布式光伏装机容量500兆瓦。",
      "园区将设立每年不少于1亿元的绿色发展专项资金。"],
     "碳排放强度下降45% 苏州工业园区定下近零碳目标",
     None,
     [("suzhou-daily", ["editor", "removed"], 4), ("jiangsu-commerce", ["label", "width"], 22)]),
    ("wuxi-airport-zone", None, "wuxi-daily", "09-17 08:00",
     "无锡空港经济区首个国际航空货运枢纽项目开工",
     ["9月16日，无锡空港经济区国际航空货运枢纽项目开工，项目总投资26亿元，建设货运站、保税仓库和冷链中心，设计年货邮吞吐能力50万吨。",
      "项目建成后，将开通至欧洲、北美和东南亚的全货机航线12条。",
      "预计2028年投入运营。"],
     "年货邮吞吐能力50万吨 无锡空港货运枢纽开工",
     None,
     [("jiangsu-commerce", ["label", "source"], 24), ("investchn", ["retitle", "photo"], 26)]),
    ("hitech-medical", "nantong-hitech", "investchn", "09-19 09:00",
     "南通高新区医疗器械产业园签约5家龙头企业",
     ["9月18日，南通高新区医疗器械产业园与5家行业龙头企业签约，项目总投资27亿元，涉及高端影像设备、手术机器人和体外诊断试剂等领域。",
      "产业园规划面积1.2平方公里，已建成标准厂房18万平方米和医疗器械检验检测中心。",
      "高新区将为入驻企业提供注册申报、临床试验和市场推广全流程服务。"],
     "27亿元！5家医疗器械龙头企业落户南通高新区",
     "南通高新区医疗器械产业去年产值突破150亿元。",
     [("nt-hitech", ["label", "added"], -20), ("nantong-daily", ["photo", "source"], 6)]),
    ("etdz-hydrogen", "nantong-etdz", "nt-etdz", "09-25 09:00",
     "南通经开区氢能产业园首批项目投产",
     ["9月24日，南通经开区氢能产业园首批3个项目投产，包括燃料电池电堆、储氢瓶和加氢站设备项目，总投资22亿元。",
      "产业园规划建设氢能装备制造、检测认证和示范应用三大板块，目标到2030年集聚氢能企业50家，产值突破200亿元。",
      "经开区已建成加氢站4座，投运氢燃料电池公交车120辆。"],
     "氢能产业园首批项目投产 南通经开区布局未来产业",
     None,
     [("nantong-daily", ["label", "removed"], 2), ("jiangsu-commerce", ["retitle", "source", "editor"], 26)]),
    ("nantong-rail", None, "nantong-gov", "09-29 10:00",
     "南通至宁波高铁南通段开工建设",
     ["9月28日，南通至宁波高铁南通段开工建设，线路全长约120公里，设计时速350公里，总投资约580亿元。",
      "项目建成后，南通至宁波的铁路出行时间将由目前的4小时缩短至1小时左右。",
      "项目计划2031年建成通车。"],
     "南通到宁波1小时！通甬高铁南通段开工",
     "通甬高铁是国家沿海高铁通道的重要组成部分。",
     [("nantong-daily", ["photo", "editor"], 2), ("investchn", ["added", "label"], 24)]),
    ("ningbo-digital", "ningbo-etdz", "ningbo-etdz", "09-29 15:00",
     "宁波开发区数字经济产业园开园",
     ["9月29日，宁波开发区数字经济产业园开园，首批入驻软件开发、工业互联网和数据服务企业56家，预计年营业收入超过30亿元。",
      "产业园建设了数据中心、共享会议和人才公寓等配套设施，对入驻企业给予前两年免租、第三年租金减半的优惠。",
      "开发区计划三年内引进数字经济企业300家。"],
     "56家企业首批入驻 宁波开发区数字经济产业园开园",
     None,
     [("investchn", ["retitle", "source"], 20), ("jiangsu-commerce", ["summary", "label"], 22)]),
]

# Near misses: a template with {a}/{b} slots and the two fillings; both items come from the
# same source on nearly the same day (same zone, or none), so only the text can tell them
# apart. (key, source, date, (title, paragraphs), fill_a, fill_b, hours between).
NEAR_MISSES = [
    ("meeting-zone", "nantong-daily", "09-03 08:00",
     ("{zone}召开重点项目推进会",
      ["9月2日，{zone}召开重点项目推进会，会议通报了今年以来重点项目建设进展情况，{n}个在建项目完成投资{inv}亿元。",
       "会议要求，各部门要强化要素保障，倒排工期、挂图作战，确保全年目标任务顺利完成。"]),
     {"zone": "南通高新区", "n": "36", "inv": "128"}, {"zone": "南通经开区", "n": "41", "inv": "152"}, 2),
    ("economy-month", "nantong-gov", "09-20 09:00",
     ("{m}月份全市经济运行情况",
      ["{m}月份，全市规模以上工业增加值同比增长{a}%，固定资产投资同比增长{b}%，社会消费品零售总额同比增长{c}%。",
       "总体来看，全市经济运行保持稳中有进、稳中向好的态势，主要指标增速高于全省平均水平。"]),
     {"m": "8", "a": "7.2", "b": "5.1", "c": "4.6"}, {"m": "9", "a": "7.8", "b": "5.4", "c": "5.0"}, 96),
    ("batch-list", "jiangsu-commerce", "09-08 10:00",
     ("关于公布全省开发区特色产业园区名单（第{k}批）的通知",
      ["根据《江苏省开发区特色产业园区认定管理办法》，经开发区申报、设区市推荐和专家评审，现将全省开发区特色产业园区名单（第{k}批）予以公布。",
       "本批共认定特色产业园区{n}家，有效期三年。各地要加强对特色产业园区的指导和服务。"]),
     {"k": "一", "n": "18"}, {"k": "二", "n": "23"}, 30),
    ("signing-zone", "investchn", "09-09 09:00",
     ("{zone}举行重大项目集中签约仪式",
      ["9月8日，{zone}举行重大项目集中签约仪式，共有{n}个项目现场签约，总投资{inv}亿元，涵盖高端装备、新材料和现代服务业等领域。",
       "签约仪式上，主要负责人表示，将持续优化营商环境，全力保障项目早落地、早投产。"]),
     {"zone": "昆山开发区", "n": "10", "inv": "45"}, {"zone": "吴江开发区", "n": "13", "inv": "58"}, 1),
    ("quarter-report", "suzhou-daily", "09-30 08:00",
     ("苏州工业园区{q}季度外资工作综述",
      ["{q}季度，苏州工业园区新设外资项目{n}个，实际使用外资{usd}亿美元，同比增长{g}%。",
       "园区持续深化与欧美、日韩企业合作，外资总部和研发中心集聚效应不断显现。"]),
     {"q": "二", "n": "42", "usd": "7.6", "g": "8.2"}, {"q": "三", "n": "47", "usd": "8.3", "g": "9.1"}, 72),
    ("recruit-zone", "nantong-gov", "09-15 10:00",
     ("2026年{zone}公开招聘政府购买服务人员公告",
      ["因工作需要，{zone}面向社会公开招聘政府购买服务人员{n}名，报名时间为9月{d}日至9月{e}日。",
       "应聘人员须具有全日制本科及以上学历，年龄在35周岁以下。具体岗位及要求详见附件。"]),
     {"zone": "南通高新区", "n": "12", "d": "16", "e": "22"}, {"zone": "南通经开区", "n": "20", "d": "17", "e": "23"}, 3),
    ("inspection-company", "nt-hitech", "09-10 17:00",
     ("区领导走访调研重点企业",
      ["9月10日，区党工委书记带队走访调研{a}、{b}等重点企业，详细了解企业生产经营、项目建设和用工情况。",
       "调研中指出，要把服务企业作为重中之重，帮助企业解决{c}等实际困难，推动企业做大做强。"]),
     {"a": "中天科技", "b": "林洋能源", "c": "融资和用地"},
     {"a": "通富微电", "b": "星宇车灯", "c": "用工和物流"}, 48),
    ("safety-meeting", "nantong-daily", "09-05 09:00",
     ("{zone}召开安全生产工作会议",
      ["9月4日，{zone}召开安全生产工作会议，传达学习上级安全生产会议精神，部署第四季度安全生产重点工作。",
       "会议强调，要压紧压实安全生产责任，深入开展隐患排查整治，坚决防范遏制重特大事故发生。"]),
     {"zone": "南通高新区"}, {"zone": "海门开发区"}, 4),
    ("weekly-price", "wuxi-daily", "09-21 08:00",
     ("无锡市场主要生活必需品价格周报（第{w}周）",
      ["第{w}周，全市主要生活必需品价格总体平稳。其中，猪肉均价每公斤{p}元，环比{dir}{x}%；鸡蛋均价每公斤{egg}元。",
       "蔬菜价格受天气影响小幅波动，重点监测的15种蔬菜均价每公斤{veg}元。"]),
     {"w": "38", "p": "26.4", "dir": "上涨", "x": "1.2", "egg": "9.8", "veg": "5.6"},
     {"w": "39", "p": "26.9", "dir": "上涨", "x": "1.9", "egg": "10.1", "veg": "5.9"}, 120),
    ("investment-expo-city", "investchn", "09-24 11:00",
     ("{city}举办2026年招商引资推介会",
      ["9月23日，{city}在上海举办2026年招商引资推介会，来自长三角地区的200余名企业家参会，现场签约项目{n}个，总投资{inv}亿元。",
       "推介会重点推介了当地的产业基础、营商环境和优惠政策，吸引了众多企业的关注。"]),
     {"city": "如皋市", "n": "16", "inv": "98"}, {"city": "启东市", "n": "14", "inv": "86"}, 2),
    ("land-auction", "nantong-gov", "09-18 15:00",
     ("南通市国有建设用地使用权挂牌出让公告（{y}年第{k}号）",
      ["经南通市人民政府批准，南通市自然资源和规划局决定以挂牌方式出让{n}幅地块的国有建设用地使用权，总面积{a}公顷。",
       "挂牌时间为10月{d}日至10月{e}日，竞买人须在挂牌截止前缴纳竞买保证金。"]),
     {"y": "2026", "k": "31", "n": "3", "a": "12.6", "d": "8", "e": "18"},
     {"y": "2026", "k": "32", "n": "4", "a": "15.2", "d": "9", "e": "19"}, 24),
    ("park-visit-delegation", "sip", "09-11 16:00",
     ("{country}企业代表团访问苏州工业园区",
      ["9月11日，{country}企业代表团一行{n}人访问苏州工业园区，实地参观了园区规划展示馆和部分重点企业。",
       "双方就生物医药、智能制造等领域合作进行了深入交流，代表团表示将积极推动更多企业来园区投资。"]),
     {"country": "德国", "n": "25"}, {"country": "新加坡", "n": "18"}, 26),
    ("tax-refund-month", "kunshan", "09-12 10:00",
     ("昆山开发区{m}月办理出口退税{x}亿元",
      ["{m}月，昆山开发区共为{n}家外贸企业办理出口退税{x}亿元，平均办理时间压缩至{d}个工作日。",
       "开发区将继续优化出口退税服务，助力外贸企业稳订单、拓市场。"]),
     {"m": "7", "x": "18.6", "n": "412", "d": "3"}, {"m": "8", "x": "21.3", "n": "436", "d": "2.5"}, 48),
    ("training-session", "nt-etdz", "09-16 14:00",
     ("南通经开区举办{topic}专题培训班",
      ["9月16日，南通经开区举办{topic}专题培训班，区内{n}家企业的负责人和业务骨干参加培训。",
       "培训邀请了相关领域专家授课，重点解读了最新政策要求和实务操作要点。"]),
     {"topic": "知识产权保护", "n": "85"}, {"topic": "出口管制合规", "n": "62"}, 24),
    ("enterprise-list", "wuxi-hitech", "09-22 09:00",
     ("无锡高新区{y}年度瞪羚企业名单公示",
      ["根据《无锡高新区瞪羚企业培育办法》，经企业申报、部门审核和专家评审，拟认定{n}家企业为{y}年度瞪羚企业，现予以公示。",
       "公示期为5个工作日，如有异议，请在公示期内向高新区科技局反映。"]),
     {"y": "2025", "n": "48"}, {"y": "2026", "n": "56"}, 6),
    ("power-outage", "ningbo-etdz", "09-14 08:00",
     ("宁波开发区{d}日计划停电通知",
      ["因电力设施检修，宁波开发区部分区域将于9月{d}日{t}时至{u}时停电，涉及{road}沿线企业。",
       "请相关企业提前做好生产安排，给您带来不便，敬请谅解。"]),
     {"d": "16", "t": "8", "u": "17", "road": "明州路"}, {"d": "18", "t": "9", "u": "16", "road": "黄山路"}, 30),
    ("forum-opening", "suzhou-daily", "09-25 09:00",
     ("第{k}届中国{field}产业发展论坛在苏州工业园区开幕",
      ["9月24日，第{k}届中国{field}产业发展论坛在苏州工业园区开幕，来自国内外的{n}余名专家学者和企业代表参会。",
       "论坛期间将发布行业发展报告，并举办项目路演和合作签约活动。"]),
     {"k": "五", "field": "生物医药", "n": "800"}, {"k": "三", "field": "纳米技术", "n": "600"}, 48),
    ("bus-route", "nantong-daily", "09-26 07:00",
     ("南通高新区新开通{r}路公交线路",
      ["9月26日起，南通高新区新开通{r}路公交线路，线路起点为{a}，终点为{b}，全长{km}公里，设站{s}个。",
       "首班车时间为早上6时，末班车时间为晚上21时，发车间隔约15分钟。"]),
     {"r": "612", "a": "高新区管委会", "b": "南通西站", "km": "18.5", "s": "24"},
     {"r": "615", "a": "科创园", "b": "南通大学", "km": "14.2", "s": "19"}, 1),
    ("credit-rating", "jiangsu-commerce", "09-27 10:00",
     ("江苏省{y}年度外贸企业信用评价结果公布",
      ["江苏省商务厅公布{y}年度外贸企业信用评价结果，共有{n}家企业被评为A级信用企业，{m}家企业被评为B级。",
       "A级信用企业将在出口退税、通关便利和融资支持等方面享受优先服务。"]),
     {"y": "2025", "n": "1260", "m": "3400"}, {"y": "2024", "n": "1180", "m": "3260"}, 2),
    ("hitech-monthly-invest", "nt-hitech", "09-06 10:00",
     ("南通高新区{m}月份招商引资工作简报",
      ["{m}月份，南通高新区新签约亿元以上项目{n}个，协议投资{inv}亿元；新开工项目{k}个，新竣工项目{c}个。",
       "下一步，高新区将继续聚焦主导产业，开展精准招商、以商引商。"]),
     {"m": "7", "n": "6", "inv": "38", "k": "4", "c": "3"}, {"m": "8", "n": "8", "inv": "51", "k": "5", "c": "2"}, 36),
    ("school-opening", "nantong-gov", "09-01 08:00",
     ("{zone}新建学校秋季开学",
      ["9月1日，{zone}{s}所新建学校正式开学，新增学位{n}个，有效缓解了区域入学压力。",
       "新建学校均按照省定标准配备教学设施，并配套建设了食堂和运动场馆。"]),
     {"zone": "南通高新区", "s": "3", "n": "4200"}, {"zone": "南通经开区", "s": "2", "n": "3150"}, 1),
    ("etdz-weekly", "nt-etdz", "09-19 17:00",
     ("南通经开区一周工作要闻（9月{a}日—9月{b}日）",
      ["本周，南通经开区召开党工委会议{x}次，研究部署重点项目建设、招商引资和安全生产等工作。",
       "本周新签约项目{n}个，协议投资{inv}亿元；{k}个项目实现开工。"]),
     {"a": "8", "b": "12", "x": "2", "n": "3", "inv": "16", "k": "2"},
     {"a": "15", "b": "19", "x": "1", "n": "5", "inv": "27", "k": "3"}, 144),
    ("loan-program", "wuxi-daily", "09-10 08:00",
     ("无锡高新区推出“{name}”专项贷款 支持{who}",
      ["9月9日，无锡高新区联合多家银行推出“{name}”专项贷款产品，首期授信额度{amt}亿元，重点支持{who}融资。",
       "企业可享受最低{r}%的优惠利率，贷款期限最长3年。"]),
     {"name": "科创贷", "who": "科技型中小企业", "amt": "50", "r": "2.8"},
     {"name": "人才贷", "who": "高层次人才创业企业", "amt": "20", "r": "2.5"}, 5),
    ("exam-notice", "kunshan", "09-23 09:00",
     ("昆山开发区{y}年社区工作者招聘{stage}公告",
      ["昆山开发区{y}年社区工作者招聘{stage}定于9月{d}日进行，地点为开发区行政服务中心。",
       "请考生携带身份证和准考证提前30分钟到达考场。"]),
     {"y": "2026", "stage": "笔试", "d": "27"}, {"y": "2026", "stage": "面试", "d": "29"}, 24),
    ("delegation-city", "jiangsu-commerce", "09-28 16:00",
     ("省商务厅赴{city}调研开发区高质量发展工作",
      ["9月28日，省商务厅主要负责人赴{city}调研开发区高质量发展工作，先后实地察看了{park}等重点园区和项目。",
       "调研组要求，{city}要进一步发挥开发区主阵地作用，在稳外资稳外贸中展现更大担当。"]),
     {"city": "南通", "park": "南通高新区科创园"}, {"city": "无锡", "park": "无锡高新区集成电路产业园"}, 24),
    ("monthly-air", "ningbo-etdz", "09-10 09:00",
     ("宁波开发区{m}月份环境空气质量状况",
      ["{m}月份，宁波开发区环境空气质量优良天数比例为{p}%，PM2.5平均浓度为{pm}微克/立方米，同比{dir}{x}%。",
       "主要污染物为臭氧和细颗粒物。"]),
     {"m": "7", "p": "93.5", "pm": "18", "dir": "下降", "x": "10.0"},
     {"m": "8", "p": "90.3", "pm": "16", "dir": "下降", "x": "5.9"}, 48),
]

# Items alone: news that is neither reposted nor templated.
SINGLES = [
    ("nt-hitech", "nantong-hitech", "09-04 10:00", "南通高新区举办首届工业设计大赛",
     ["9月3日，南通高新区首届工业设计大赛启动，大赛设置产品设计和概念设计两个赛道，总奖金60万元。",
      "大赛面向全国高校师生和设计机构征集作品，将于11月评出结果。"]),
    ("sip", "suzhou-sip", "09-16 09:00", "苏州工业园区图书馆新馆对外开放",
     ["9月15日，苏州工业园区图书馆新馆正式对外开放，新馆建筑面积3.2万平方米，藏书120万册。",
      "新馆设有少儿阅览区、数字体验区和24小时自助借阅区。"]),
    ("wuxi-daily", None, "09-13 07:00", "无锡地铁5号线开通初期运营",
     ["9月12日，无锡地铁5号线开通初期运营，线路全长27公里，设站20座。",
      "5号线开通后，无锡地铁运营里程达到160公里。"]),
    ("ningbo-etdz", "ningbo-etdz", "09-21 10:00", "宁波开发区举办中秋职工趣味运动会",
     ["9月20日，宁波开发区举办中秋职工趣味运动会，来自区内40家企业的600余名职工参加。",
      "运动会设置拔河、跳绳和趣味接力等项目。"]),
    ("kunshan", "kunshan-etdz", "09-07 09:00", "昆山开发区开展防汛防台应急演练",
     ["9月6日，昆山开发区开展防汛防台应急演练，模拟强降雨导致道路积水和企业厂房进水等险情。",
      "演练检验了各部门的应急响应和协同处置能力。"]),
    ("nantong-gov", None, "09-22 14:00", "南通市启动2026年秋季消费券发放活动",
     ["9月22日，南通市启动2026年秋季消费券发放活动，共发放消费券3000万元，分三期投放。",
      "消费券可在全市参与活动的商超、餐饮和家电门店使用。"]),
]


def at(mmdd_hhmm: str) -> datetime:
    return datetime.strptime(f"2026-{mmdd_hhmm}", "%Y-%m-%d %H:%M").replace(tzinfo=CST)


def html(paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


LABELS = ["【签约】", "【园区动态】", "【开发区要闻】", "【项目建设】", "【招商引资】"]
WIDTH = str.maketrans("0123456789:!", "０１２３４５６７８９：！")


def copy_of(story, source, edits, hours, n):
    key, zone, first_source, when, title, paras, retitle, added, _ = story
    name, region, src_zone = SOURCES[source]
    t = title
    body = list(paras)
    tail = []
    summary = None
    if "retitle" in edits:
        t = retitle
    if "label" in edits:
        t = LABELS[n % len(LABELS)] + t
    if "width" in edits:
        t = "转载：" + t.translate(WIDTH)
    if "photo" in edits:
        t = t + "（图）"
        body.insert(1, f'<img src="/uploads/2026/09/{key}-{n}.jpg" alt="">')
        body.insert(2, "图为活动现场。")
    if "removed" in edits:
        body = body[:-1]
    if "added" in edits and added:
        body.append(added)
    if "source" in edits:
        tail.append(f"（来源：{SOURCES[first_source][0]}）")
    if "editor" in edits:
        tail += ["责任编辑：王晓燕", "审核：李明", f"来源：{SOURCES[first_source][0]}"]
    content = "".join(p if p.startswith("<img") else f"<p>{p}</p>" for p in body + tail)
    if "summary" in edits:
        summary, content = f"<p>{paras[0]}</p>", None
    if "later" in edits:
        hours = max(hours, 24)
    # A copy on a site with no zone of its own is placed in the story's zone (the text
    # names it, as on the province and portal sites), except city dailies, which often
    # name the zone by a short form the classifier may miss: half of them get none.
    placed_zone = src_zone or (zone if (n % 2 == 0 or source in ("investchn", "jiangsu-commerce")) else None)
    placed_region = REGION_OF_ZONE.get(placed_zone, region) if placed_zone else region
    return {
        "source": source,
        "id": f"{source}:{key}",
        "title": t,
        "link": f"https://{source}.example.cn/news/2026/09/{key}.html",
        "published": (at(when) + timedelta(hours=hours)).isoformat(),
        "summary": summary,
        "content": content,
        "region": placed_region,
        "zone": placed_zone,
        "group": key,
        "edits": edits,
    }


REGION_OF_ZONE = {
    "nantong-hitech": "nantong",
    "nantong-etdz": "nantong",
    "suzhou-sip": "suzhou",
    "kunshan-etdz": "kunshan",
    "wuxi-hitech": "wuxi",
    "ningbo-etdz": "ningbo",
}


def main():
    items = []
    for story in STORIES:
        key, zone, first_source, when, title, paras, *_ , copies = story
        first = copy_of(story, first_source, [], 0, 0)
        first["zone"] = SOURCES[first_source][2] or zone
        first["region"] = REGION_OF_ZONE.get(first["zone"], SOURCES[first_source][1]) if first["zone"] else SOURCES[first_source][1]
        items.append(first)
        for n, (source, edits, hours) in enumerate(copies, start=1):
            items.append(copy_of(story, source, edits, hours, n))
    near = []
    for key, source, when, (title, paras), fa, fb, hours in NEAR_MISSES:
        name, region, zone = SOURCES[source]
        pair = []
        for tag, fill, h in (("a", fa, 0), ("b", fb, hours)):
            items.append({
                "source": source,
                "id": f"{source}:{key}-{tag}",
                "title": title.format(**fill),
                "link": f"https://{source}.example.cn/news/2026/09/{key}-{tag}.html",
                "published": (at(when) + timedelta(hours=h)).isoformat(),
                "summary": None,
                "content": html(p.format(**fill) for p in paras),
                "region": region,
                "zone": zone,
                "group": f"{key}-{tag}",
                "edits": ["near-miss"],
            })
            pair.append(f"{source}:{key}-{tag}")
        near.append(pair)
    for n, (source, zone, when, title, paras) in enumerate(SINGLES):
        items.append({
            "source": source,
            "id": f"{source}:single-{n}",
            "title": title,
            "link": f"https://{source}.example.cn/news/2026/09/single-{n}.html",
            "published": at(when).isoformat(),
            "summary": None,
            "content": html(paras),
            "region": REGION_OF_ZONE.get(zone, SOURCES[source][1]) if zone else SOURCES[source][1],
            "zone": zone,
            "group": f"single-{n}",
            "edits": [],
        })
    items.sort(key=lambda i: i["published"])
    out = {
        "about": "Hand-made labelled set for story detection; see build_labelled.py and README.md.",
        "sources": {k: {"name": v[0], "region": v[1], "zone": v[2]} for k, v in SOURCES.items()},
        "items": items,
        "near_misses": near,
    }
    path = Path(__file__).with_name("labelled.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    groups = {}
    for i in items:
        groups.setdefault(i["group"], []).append(i)
    reposts = [g for g in groups.values() if len(g) > 1]
    print(f"{len(items)} items, {len(reposts)} repost groups "
          f"({sum(len(g) for g in reposts)} copies), {len(near)} near-miss pairs -> {path}")


if __name__ == "__main__":
    main()
