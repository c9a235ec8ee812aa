"""The codes of reading dates and headcounts as offices write them (CT130–CT137): what was
assumed, and what could not be understood and was left out. ``core/codes.py`` joins them to
the other codes raised while reading."""

from __future__ import annotations

from cadretrain.core.severity import Severity

W, N = Severity.WARNING, Severity.INFO

WHEN_TABLE: list[tuple[str, Severity, str, str]] = [
    (
        "CT130",
        W,
        "培训时间中有未能理解的文字",
        """when 中有一段文字既不是日期，也不是天数或“另行通知”，已被忽略；消息写明忽略了哪些字、
其余部分理解成了什么。期数请写在 sessions 中，地点写在 venue 中，其他说明写在 notes 中。

通过::

    classes:
      - {id: a, name: 甲班, when: 十月中下旬，为期一周}

不通过::

    classes:
      - {id: a, name: 甲班, when: 十月中下旬，地点待定}
""",
    ),
    (
        "CT131",
        N,
        "培训天数有几种写法，按较长的计",
        """“为期5天或7天”“3至5天”这样的天数，冲突检查、学时、人天和名额都按较长的天数计，
并在这里写明用的是几天。

通过::

    classes:
      - {id: a, name: 甲班, when: 10月，为期7天}

不通过::

    classes:
      - {id: a, name: 甲班, when: 10月，为期5天或7天}
""",
    ),
    (
        "CT132",
        W,
        "学期日期按默认值",
        """when 写“春季学期”“秋季学期”，而计划没有写 spring_term / autumn_term 时，按默认的
3月1日—7月15日、9月1日—12月31日理解。

通过::

    plan: {title: 测试计划, year: 2013, autumn_term: 9月2日—12月27日}
    classes:
      - {id: a, name: 甲班, when: 秋季学期}

不通过::

    classes:
      - {id: a, name: 甲班, when: 秋季学期}
""",
    ),
    (
        "CT133",
        N,
        "培训时间按约定理解",
        """when 的写法需要一个约定才能变成日期时，写明用的是哪个约定：只写开始日期和天数
（“3月8日起，为期一周”，天数按 plan.length_unit 计）、只写开始日期、截止时间（“9月底前”按
1月1日起算）、月份列表（“3、6、9、12月”）、半天（“为期2天半”）。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年3月8日—14日}

不通过::

    classes:
      - {id: a, name: 甲班, when: 3月8日起，为期一周}
""",
    ),
    (
        "CT134",
        N,
        "括号中的除外时段不安排培训",
        """when 括号中写明除外的时段（“全年（春节前后除外）”“（7、8月除外）”）作为本班的停训日，
消息写明是哪些日期。春节前后指春节前 7 天至后 7 天，国庆节前后指 9月24日至10月10日。

通过::

    classes:
      - {id: a, name: 甲班, when: 全年}

不通过::

    classes:
      - {id: a, name: 甲班, when: 全年（春节前后除外）}
""",
    ),
    (
        "CT135",
        N,
        "人数是约数或范围，按写明的数计",
        """planned 写成“约80人”“80余人”“45人左右”“30至40人”时，名额分配、容量和报表按消息中的
人数计（范围取较大的数），文书照原样写出“约80人”。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月7日, planned: 80}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月7日, planned: 80余人}
""",
    ),
    (
        "CT136",
        N,
        "人数按每期或人次理解",
        """planned 写成“每期120人”“120人/期”时，全班人数是每期人数乘以期数（sessions，或 when 中的
“分三期”）；写成
“1.2万人次”时是各期合计的人次。消息写明用的是哪个数。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月7日—17日, planned: 360,
         sessions: {count: 3, days: 3}}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月7日—17日, planned: 每期120人,
         sessions: {count: 3, days: 3}}
""",
    ),
    (
        "CT137",
        N,
        "培训时间中写明了期数",
        """when 中写明期数和每期天数（“3月，每期三天，分两期进行”“4—6月，分3期，每期5天”
“全年分四期举办，每期2天”）时，按 sessions: {count: 期数, days: 每期天数} 排期，消息写明排为几期、
每期几天；每期一周按 5 个培训日计。只写期数、没写每期天数时只记期数，各期日期无法排定。班次另写
sessions 时以 sessions 为准，两者不一致报 CT312。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月13日—24日, sessions: {count: 2, days: 3}}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月13日—24日，每期三天，分两期进行}
""",
    ),
]
