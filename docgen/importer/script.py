"""Traditional-script drafts: a same-length Simplified *view* of a text for the recognisers to match on.

The content is always kept as written; only the patterns look at the view ("同志們：" is a salutation, "縣長
張三" a speaker line, "講話" ends a title). The table maps one character to one character, so every position
in the view is the same position in the text — a cut found in the view cuts the original in the same place.
It covers the characters the recognisers' patterns and the common vocabulary of speeches use; a character
outside it is left as it is (and then simply matches nothing special).
"""

from __future__ import annotations

import re

# Pairs written Traditional first, Simplified second, in one line per theme so the table stays checkable.
_PAIRS = (
    ("講話說談論詞辭謝會議題報幾點條總結", "讲话说谈论词辞谢会议题报几点条总结"),
    ("們來賓領導長縣區鄉鎮書記員廳處職務誌", "们来宾领导长县区乡镇书记员厅处职务志"),
    ("陳劉張趙錢孫週吳鄭馮衛蔣瀋韓楊", "陈刘张赵钱孙周吴郑冯卫蒋沈韩杨"),
    ("發開啟幕閉屆動員", "发开启幕闭届动员"),
    ("問題難點優勢經驗做執實際轉變進邁", "问题难点优势经验做执实际转变进迈"),
    ("黨團幹部級組織紀檢監察機關專項財政稅務銀環衛", "党团干部级组织纪检监察机关专项财政税务银环卫"),
    ("這個為對與學習濟體們們還過於從後現時間點幾開關東車輪", "这个为对与学习济体们们还过于从后现时间点几开关东车轮"),
    ("強調請應該須當讓實踐認識覺齊準確續繼", "强调请应该须当让实践认识觉齐准确续继"),
    ("貫徹落實嚴肅賞獎勵榮譽稱號雙歲華產業農務", "贯彻落实严肃赏奖励荣誉称号双岁华产业农务"),
    ("兩萬億們門閱讀聽觀視頻網絡電腦數據鍵", "两万亿们门阅读听观视频网络电脑数据键"),
    ("勝利爭鬥戰軍隊營風險穩維護護責擔", "胜利争斗战军队营风险稳维护护责担"),
    ("慶祝賀節歡迎熱烈誠摯錦標標準確", "庆祝贺节欢迎热烈诚挚锦标标准确"),
    ("興辦創設計劃規劃畫區域縣級廣義", "兴办创设计划规划画区域县级广义"),
    ("導師師範學校園藝術術語語言", "导师师范学校园艺术术语语言"),
    # the words a heading ends on and a body sentence opens with ("……的責任感和緊迫感剛剛過去的……")
    ("緊剛搶歷極濤擊質積傳統懷資構圍態氣", "紧刚抢历极涛击质积传统怀资构围态气"),
    ("頁瀏覽佈編輯聞國內縮訪錄", "页浏览布编辑闻国内缩访录"),  # a web page's lines (`header.is_web_line`)
)


def _table() -> dict[int, int]:
    table: dict[int, int] = {}
    for traditional, simplified in _PAIRS:
        assert len(traditional) == len(simplified), traditional  # one for one, or positions would shift
        for t, s in zip(traditional, simplified, strict=True):
            if t != s:
                table[ord(t)] = ord(s)
    return table


_TABLE = _table()
# The characters only Traditional text uses: a draft with several of them is reported as Traditional.
_TRADITIONAL_ONLY = frozenset(chr(code) for code in _TABLE)


# Pinyin some web pages insert after characters of Traditional text ("業(yè)", "領(lǐng)導(dǎo)") — kept as content,
# but not counted when a recogniser measures how long a line is.
_PINYIN = re.compile("[(（][a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,8}[)）]")


def without_pinyin(text: str) -> tuple[str, list[int]]:
    """``text`` without inserted pinyin, and for each position of the result (and its end) the position
    in ``text`` — so a match found on the clean text cuts the original in the right place."""
    if "(" not in text and "（" not in text:
        return text, list(range(len(text) + 1))
    kept: list[str] = []
    where: list[int] = []
    position = 0
    for match in _PINYIN.finditer(text):
        for i in range(position, match.start()):
            kept.append(text[i])
            where.append(i)
        position = match.end()
    for i in range(position, len(text)):
        kept.append(text[i])
        where.append(i)
    where.append(len(text))
    return "".join(kept), where


def visible_length(text: str) -> int:
    """The length of ``text`` without inserted pinyin."""
    return len(_PINYIN.sub("", text)) if "(" in text or "（" in text else len(text)


def simplified_view(text: str) -> str:
    """``text`` with the Traditional characters the recognisers know mapped to Simplified, one for one."""
    return text.translate(_TABLE)


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in Traditional script (a handful of Traditional-only characters in it)."""
    seen = 0
    for ch in text:
        if ch in _TRADITIONAL_ONLY:
            seen += 1
            if seen >= 3:
                return True
    return False
