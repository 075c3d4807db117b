"""The title block of real drafts (docgen.importer.header, header_split, salutation): the shapes web pages and PDF
copies give it — a labelled speaker line, the speaker above the title, a date with a note in its bracket, a post
without its name, a salutation with a qualified item, a comma salutation after a space — each with lines taken
from the corpus's pages (tests/data/corpus), cut short after the first sentence."""

from __future__ import annotations

from docgen.importer import import_text
from docgen.importer.header import is_web_line, piece_kind
from docgen.importer.salutation import is_salutation


def test_a_speaker_line_the_page_labels_in_brackets_is_the_speaker_and_its_occasion_the_subtitle():
    # 258: a page of 致辞 labels its fields "[致辞人]" and "[致辞背景]".
    speech = import_text(
        "吴文化节开幕式致辞\n   [致辞人]中国文联副主席夏菊花\n   [致辞背景]在2007中国(无锡)吴文化节开幕式上致开幕词\n"
        "    尊敬的各位来宾,女士们、先生们:\n    在这春满江南、百花齐放的美好季节里,2007年中国(无锡)吴文化节开幕了。"
    ).speech
    assert speech.title == "吴文化节开幕式致辞"
    assert speech.speaker == "[致辞人]中国文联副主席夏菊花"
    assert speech.subtitle == "[致辞背景]在2007中国（无锡）吴文化节开幕式上致开幕词"
    assert speech.salutation == "尊敬的各位来宾，女士们、先生们："


def test_a_labelled_speaker_line_above_the_title_is_the_speaker_not_the_title():
    # 038, Traditional script: the speaker line comes first, the occasion line is the title.
    result = import_text(
        "【致辭人】××市人口計生委\n【致辭背景】××市人口計生係統動員大會致辭\n同誌們:\n"
        "為了認真貫徹落實市委十一屆三次會合精神,經委黨組研究決定,召開這次動員大會。"
    )
    assert result.speech.title == "【致辭背景】××市人口計生係統動員大會致辭"
    assert result.speech.speaker == "【致辭人】××市人口計生委"
    assert [p.role.value for p in result.report.paragraphs[:3]] == ["讲话人", "标题", "称谓"]


def test_a_speaker_line_with_a_post_above_the_title():
    speech = import_text("县委书记 张三\n在全县安全生产工作会议上的讲话\n同志们：\n今天召开全县工作会议。").speech
    assert speech.title == "在全县安全生产工作会议上的讲话"
    assert (speech.speaker, speech.salutation) == ("县委书记 张三", "同志们：")


def test_a_bare_short_title_is_not_taken_for_a_speaker_above_the_title():
    # "出征" looks like a name; only a post or a label makes a line above the title its speaker.
    speech = import_text("出征\n在援助湖北省武汉市医疗队出征仪式上的讲话\n同志们：\n今天，我们在这里集结。").speech
    assert speech.title == "出征" and speech.speaker is None


def test_a_date_and_a_note_in_one_bracket_stay_together_and_off_the_title():
    # 249: one line from a page that lost every line break; the bracket holds the date and "根据录音整理".
    result = import_text(
        "在全市教育工作座谈会上的讲话(2011年11月3日 根据录音整理)刘和平同志们: 今天召开全市教育工作座谈会主要是落实"
        "省市党代会精神总结近年来我市教育事业所取得的成绩。"
    )
    speech = result.speech
    assert speech.title == "在全市教育工作座谈会上的讲话"
    assert (speech.speaker, speech.salutation) == ("刘和平", "同志们：")
    # The model's date is a date: the note would be lost there, so the whole bracket is kept, in its place.
    assert speech.date is None and speech.subtitle == "（2011年11月3日 根据录音整理）"


def test_a_comma_salutation_after_a_space_is_cut_from_the_first_sentence():
    # 238: title, a space, then "同志们," run into the first sentence.
    speech = import_text(
        "县委书记在半年经济工作会议上的讲话 同志们,上半年,在市委市政府的坚强领导下,"
        "我们坚定以习近平新时代中国特色社会主义思想为指引,认真贯彻落实中央、省委、市委各项决策部署。"
    ).speech
    assert speech.title == "县委书记在半年经济工作会议上的讲话"
    assert speech.salutation == "同志们，"
    assert speech.opening is not None and speech.opening[0].startswith("上半年，")


def test_a_post_without_its_name_between_title_and_date_is_the_speaker():
    # 081: "甘肃省省长" — the page left out the name.
    speech = import_text(
        "在省政府第七次全体会议上的讲话甘肃省省长(2020年6月4日) 上周闭幕的全国“两会”,背景极其特殊、意义十分重大。"
    ).speech
    assert speech.title == "在省政府第七次全体会议上的讲话"
    assert (speech.speaker, str(speech.date)) == ("甘肃省省长", "2020-06-04")
    assert piece_kind("致全市共产党员和党组织书记的一封信") == "title"


def test_a_salutation_whose_later_item_is_qualified_is_one_salutation():
    # 089: "韩国尚州市的各位来宾" — whom, then an honorific, then the term.
    line = "尊敬的李锺填先生,韩国尚州市的各位来宾、亲爱的同学们:"
    assert is_salutation(line)
    title = "在韩国尚州市第七届中学生友好交流团访问欢迎仪式上的致辞"
    speech = import_text(f"{title}\n\n  {line}\n\n  大家好!今天,我们非常高兴。").speech
    assert speech.salutation == "尊敬的李锺填先生，韩国尚州市的各位来宾、亲爱的同学们："
    # A sentence that ends with a term and a colon is no salutation.
    assert not is_salutation("今天我们召开会议的目的是服务群众:")
    assert not is_salutation("我们要做到以下几点，服务好各位群众:")


# Lines of the web pages speeches are copied from, as found on public pages (the `pages` corpus): a news site's
# dateline (www.dzllzg.com/lltt/202003/t20200309_5221349.html), a Traditional page's "本頁位置" and font buttons
# (xieliaobaba.com/gn/news/2007/03-16/893527.shtml), a breadcrumb and a dateline after a URL
# (xpshebei.com/r/2012-03/15/content_8011852.htm).
WEB_LINES = (
    "2020-03-09  来源: 学习时报 作者:",
    "■ 本頁位置:首頁新聞中心國內新聞",
    "【放大字體】  【縮小字體】",
    "2007年03月16日 17:01 來源:中國新聞網",
    "您所在的位置: 東南網 > 西岸時評> 時政觀察 > 正文",
    "www.fjnet.cn?2012-03-15 08:36? 北青社評?來源:北京青年報 我來說兩句",
)


def test_the_lines_of_a_web_page_are_told_from_the_title_block():
    assert all(is_web_line(line) for line in WEB_LINES)
    speech_lines = ("在全县工作会议上的讲话", "县委书记 张三", "（2021年3月5日）", "同志们：", "时间：2021年3月5日")
    for line in (*speech_lines, "主持人：张三"):
        assert not is_web_line(line), line


def test_web_page_lines_around_the_title_go_to_the_opening_and_are_listed_to_check():
    text = (
        "您所在的位置: 東南網 > 西岸時評> 時政觀察 > 正文\n在全县安全生产工作会议上的讲话\n"
        "2020-03-09  来源: 学习时报 作者:\n字号：大 中 小\n同志们：\n今天召开全县安全生产工作会议。\n谢谢大家！"
    )
    result = import_text(text)
    speech = result.speech
    assert speech.title == "在全县安全生产工作会议上的讲话"
    assert speech.subtitle is None and speech.speaker is None and speech.salutation == "同志们："
    # Nothing is dropped: the page's lines open the speech, each named under 请核对 so it can be deleted.
    assert speech.opening is not None
    assert [p.replace(" ", "") for p in speech.opening[:3]] == [
        "您所在的位置：東南網>西岸時評>時政觀察>正文",
        "2020-03-09来源：学习时报作者：",
        "字号：大中小",
    ]
    checks = [line for line in result.report.fallbacks if "网页上的导航、来源或发布信息" in line]
    assert [line.split("“")[0] for line in checks] == ["第 1 行", "第 3 行", "第 4 行"]


def test_a_kind_word_inside_the_occasion_and_a_theme_after_a_colon_stay_in_the_title():
    # 271: "党课" names the occasion ("专题党课上的讲话"), and the theme follows an ASCII colon.
    speech = import_text(
        "在某高校专题党课上的讲话:永葆敬畏之心,筑牢思想堤坝\n\n \n\n同志们、老师们:\n\n"
        "大家好!今天,我们在这里召开一次专题党课。"
    ).speech
    assert speech.title == "在某高校专题党课上的讲话：永葆敬畏之心，筑牢思想堤坝"
    assert speech.salutation == "同志们、老师们："


def test_the_pages_version_number_after_the_kind_word_stays_with_the_title():
    # 276: "……主持讲话3" — the page numbers its versions, here without "篇" — then the first sentence.
    speech = import_text(
        "2021年脱贫攻坚会议主持讲话3今天,县委、县政府决定召开全县决战决胜脱贫攻坚大会,主要目的是贯彻落实中央、全省决战"
        "决胜脱贫攻坚会议精神。"
    ).speech
    assert speech.title == "2021年脱贫攻坚会议主持讲话3"
    assert speech.opening is not None and speech.opening[0].startswith("今天，县委、县政府")


def test_a_speakers_name_with_the_pages_pinyin_is_the_speaker():
    # 297, Traditional script with pinyin after some characters.
    speech = import_text(
        "在學(xué)習(xí)貫徹習(xí)近平新時代中國特色\n社會主義思想主題教育工作會議上的講話\n習(xí)近平\n"
        "此前,,黨中央已下發(fā)了關(guān)于開展主題教育的《意見》,,就抓好這次主題教育作出安排,提出明確要求,。"
    ).speech
    assert speech.speaker == "習（xí）近平" and speech.subtitle is None  # (brackets widened after Chinese text)
    assert speech.title == "在學（xué）習（xí）貫徹習（xí）近平新時代中國特色社會主義思想主題教育工作會議上的講話"


def test_the_parts_of_the_title_block_read_by_their_place_are_listed_to_check():
    # 249 again: the name between title and salutation, and a bracket the model cannot hold as a date.
    result = import_text("在全市教育工作座谈会上的讲话(2011年11月3日 根据录音整理)刘和平同志们: 今天召开座谈会。")
    checks = result.report.fallbacks
    assert "第 1 行“刘和平”像人名，按讲话人读取" in checks
    assert any(line.startswith("第 1 行“（2011年11月3日") and "换算不成日期，按副标题保留" in line for line in checks)
    # …and the whole map (`import -v`) says it beside each paragraph.
    assert "讲话人　刘和平（原稿中与前后文同在一段，已拆开；像人名，按讲话人读取）" in result.report.details()
    # A speaker line with its post, a dated subtitle line and a one-line title are read by their words: no check.
    block = "在全县工作会议上的讲话\n——在全县经济工作会议上\n县长 张三\n（2023年2月15日）\n同志们：\n"
    plain = import_text(block + "今天开会。")
    assert plain.report.fallbacks == []


def test_salutation_items_before_a_known_term_run_into_the_title_line_are_one_salutation():
    # 269: a page that lost its line breaks; the items "尊敬的主任、尊敬的各位“五老”、" come before "同志们:".
    speech = import_text(
        "在全市第二个“关爱五老日”慰问座谈会上的讲话尊敬的主任、尊敬的各位“五老”、同志们:很高兴在全市第二个"
        "“关爱五老日”来临之际,与各位“五老”代表欢聚忘忧农场,共话美好未来。"
    ).speech
    assert speech.title == "在全市第二个“关爱五老日”慰问座谈会上的讲话"
    assert speech.salutation == "尊敬的主任、尊敬的各位“五老”、同志们："
    # A name run in before "同志们：" stays the speaker ("……的讲话常正国同志们："), not an item of the salutation.
    named = import_text("在全市经济工作会议上的讲话常正国同志们:今天召开全市经济工作会议。").speech
    assert (named.speaker, named.salutation) == ("常正国", "同志们：")


def test_a_comma_salutation_after_the_speaker_and_date_lines_opens_the_body():
    speech = import_text(
        "在全县工作会议上的讲话\n县委书记　张三\n2021年3月5日\n同志们，朋友们，大家好！\n今天召开全县工作会议。"
    ).speech
    assert (speech.speaker, str(speech.date), speech.salutation) == ("县委书记　张三", "2021-03-05", "同志们，朋友们，")
    assert speech.opening == ["大家好！", "今天召开全县工作会议。"]


def test_a_title_of_phrases_set_apart_by_spaces_is_whole_and_the_line_under_it_is_the_subtitle():
    # 301: a second title under the first, no "——"; a title wrapped mid-word (073: "……为党" / "尽责的合格党员") is one.
    speech = import_text(
        "踏上新征程 孕育新希望 练就新本领\n努力让青春在新的领域新的岗位创造新的价值\n同志们,年轻的朋友们:\n"
        "习近平总书记指出:“年轻干部生逢伟大时代,是党和国家事业发展的生力军。”"
    ).speech
    assert speech.title == "踏上新征程 孕育新希望 练就新本领"
    assert speech.subtitle == "努力让青春在新的领域新的岗位创造新的价值"
    wrapped = import_text(
        "  2019年党课讲稿----坚定理想信念做对党忠诚为党\n\n  尽责的合格党员\n\n  同志们:\n\n  在XX党委引领单位建设。"
    ).speech
    assert wrapped.title == "2019年党课讲稿----坚定理想信念做对党忠诚为党尽责的合格党员"


def test_a_closing_call_right_under_the_title_keeps_its_vocative():
    # Found by the round-trip property test: a speech of nothing but its closing, printed and read back.
    call = "同志们，让我们凝心聚力，为全县高质量发展而努力奋斗！"
    speech = import_text(f"在全县2023年经济工作会议上的讲话\n{call}\n谢谢大家！").speech
    assert speech.salutation is None
    assert speech.closing == [call, "谢谢大家！"]
