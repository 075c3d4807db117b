"""`LayoutProfile`: the page, the grid, and the look of every element; the bundled profiles."""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from docgen.layout.units import Twips, font_size_pt, mm_to_twips, pt_to_twips


class Element(str, enum.Enum):
    """Every element of a speech that has a look of its own; each is a named style in the template."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    DATE = "date"
    SPEAKER = "speaker"
    SALUTATION = "salutation"
    BODY = "body"
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    HEADING3 = "heading3"
    HEADING4 = "heading4"
    HEADING1_RUN_IN = "heading1_run_in"
    HEADING2_RUN_IN = "heading2_run_in"
    HEADING3_RUN_IN = "heading3_run_in"
    HEADING4_RUN_IN = "heading4_run_in"
    RUN_IN = "run_in"
    LEAD = "lead"
    PAGE_NUMBER = "page_number"

    @property
    def style_id(self) -> str:
        return _STYLE_IDS[self]

    @property
    def style_name(self) -> str:
        """The name shown in Word's style gallery. Built-in Chinese names (标题, 正文, 副标题, 页码) are
        avoided: Word maps localised built-in names onto its own styles and would override ours."""
        return _STYLE_NAMES[self]

    @property
    def keeps_with_next(self) -> bool:
        """Own-line headings (every level, present and future) and the title block stay on the page of
        what follows them, their lines together: none of them is ever the last line of a page. Run-in
        headings are character styles inside body paragraphs and are body text."""
        if self.is_character_style:
            return False
        return self.value in _TITLE_BLOCK or self.value.startswith("heading")

    @property
    def is_character_style(self) -> bool:
        return self.value in _CHARACTER_STYLES


_CHARACTER_STYLES = frozenset(
    {
        "run_in",
        "lead",
        "heading1_run_in",
        "heading2_run_in",
        "heading3_run_in",
        "heading4_run_in",
    }
)

_TITLE_BLOCK = frozenset({"title", "subtitle", "date", "speaker"})

_STYLE_IDS = {
    Element.TITLE: "DocgenTitle",
    Element.SUBTITLE: "DocgenSubtitle",
    Element.DATE: "DocgenDate",
    Element.SPEAKER: "DocgenSpeaker",
    Element.SALUTATION: "DocgenSalutation",
    Element.BODY: "DocgenBody",
    Element.HEADING1: "DocgenHeading1",
    Element.HEADING2: "DocgenHeading2",
    Element.HEADING3: "DocgenHeading3",
    Element.HEADING4: "DocgenHeading4",
    Element.HEADING1_RUN_IN: "DocgenHeading1RunIn",
    Element.HEADING2_RUN_IN: "DocgenHeading2RunIn",
    Element.HEADING3_RUN_IN: "DocgenHeading3RunIn",
    Element.HEADING4_RUN_IN: "DocgenHeading4RunIn",
    Element.RUN_IN: "DocgenRunIn",
    Element.LEAD: "DocgenLead",
    Element.PAGE_NUMBER: "DocgenPageNumber",
}

_STYLE_NAMES = {
    Element.TITLE: "讲话标题",
    Element.SUBTITLE: "讲话副标题",
    Element.DATE: "讲话日期",
    Element.SPEAKER: "讲话人",
    Element.SALUTATION: "讲话称谓",
    Element.BODY: "讲话正文",
    Element.HEADING1: "讲话一级标题",
    Element.HEADING2: "讲话二级标题",
    Element.HEADING3: "讲话三级标题",
    Element.HEADING4: "讲话四级标题",
    Element.HEADING1_RUN_IN: "讲话一级标题（接排）",
    Element.HEADING2_RUN_IN: "讲话二级标题（接排）",
    Element.HEADING3_RUN_IN: "讲话三级标题（接排）",
    Element.HEADING4_RUN_IN: "讲话四级标题（接排）",
    Element.RUN_IN: "讲话要点",
    Element.LEAD: "讲话首句",
    Element.PAGE_NUMBER: "讲话页码",
}


class Align(str, enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "both"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ElementStyle(_Frozen):
    """The look of one element. Sizes are 字号 names ("三号"), never bare points."""

    east_asian_font: str = Field(description="中文字体名，如“仿宋_GB2312”")
    latin_font: str = Field("Times New Roman", description="西文和数字的字体")
    size: str = Field("三号", description="字号")
    bold: bool = False
    align: Align = Align.JUSTIFY
    first_line_indent_chars: float = Field(0, description="首行缩进，以本元素的字宽计")
    condensed: bool = Field(True, description="是否按版心网格紧缩字距（正文类元素）")
    on_grid: bool = Field(
        True, description="是否对齐行网格；大于网格的字号（标题）不对齐，否则 LibreOffice 让它占两行"
    )

    @field_validator("size")
    @classmethod
    def _known_size(cls, value: str) -> str:
        font_size_pt(value)
        return value

    @property
    def size_pt(self) -> float:
        return font_size_pt(self.size)

    @property
    def first_line_indent_twips(self) -> Twips:
        return pt_to_twips(self.first_line_indent_chars * self.size_pt)


class PageNumberStyle(_Frozen):
    """“— 1 —” below the text block: outer side, one character in from the block's edge."""

    font: str = "宋体"
    size: str = "四号"
    dash: str = "—"
    outer_indent_chars: float = Field(1, description="距版心外侧的空字数")

    @property
    def size_pt(self) -> float:
        return font_size_pt(self.size)


class LayoutProfile(_Frozen):
    """Everything about the look of a speech, from which the builder writes a template.

    The numbers of the standard profile are those of GB/T 9704-2012 (see LAYOUT.md); ``lines_per_page``
    and ``chars_per_line`` are what the grid is built to give, and what the paper tests measure.
    """

    name: str
    description: str
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    line_pitch_twips: int = Field(579, description="行距（固定值），22 行时为 28.95 磅")
    char_spacing_twips: int = Field(-5, description="正文字距调整（1/20 磅），-5 即紧缩 0.25 磅")
    lines_per_page: int = 22
    chars_per_line: int = 28
    footer_distance_twips: int = Field(1262, description="页脚底端距纸张下边")
    styles: dict[Element, ElementStyle]
    page_number: PageNumberStyle = PageNumberStyle()
    font_alt_names: dict[str, str] = Field(
        default_factory=dict, description="字体表中的替代字体（w:altName），缺字体时 Word 用它"
    )

    @field_validator("styles")
    @classmethod
    def _every_element(cls, value: dict[Element, ElementStyle]) -> dict[Element, ElementStyle]:
        missing = [e.value for e in Element if e not in value and e is not Element.PAGE_NUMBER]
        if missing:
            raise ValueError(f"缺少这些元素的样式：{', '.join(missing)}")
        return value

    def style(self, element: Element) -> ElementStyle:
        return self.styles[element]

    @property
    def margins_twips(self) -> dict[str, Twips]:
        return {
            "top": mm_to_twips(self.margin_top_mm),
            "right": mm_to_twips(self.margin_right_mm),
            "bottom": mm_to_twips(self.margin_bottom_mm),
            "left": mm_to_twips(self.margin_left_mm),
        }

    @property
    def fonts(self) -> list[str]:
        """Every font name the template uses, in a stable order (for the font table)."""
        names: list[str] = []
        for style in self.styles.values():
            names += [style.east_asian_font, style.latin_font]
        names.append(self.page_number.font)
        return list(dict.fromkeys(names))


def _standard_styles(body_size: str) -> dict[Element, ElementStyle]:
    body = ElementStyle(east_asian_font="仿宋_GB2312", size=body_size, first_line_indent_chars=2)
    kai_centred = ElementStyle(east_asian_font="楷体_GB2312", size=body_size, align=Align.CENTER)
    return {
        Element.TITLE: ElementStyle(
            east_asian_font="方正小标宋简体", size="二号", align=Align.CENTER, condensed=False, on_grid=False
        ),
        Element.SUBTITLE: kai_centred,
        Element.DATE: kai_centred,
        Element.SPEAKER: kai_centred,
        Element.SALUTATION: body.model_copy(update={"first_line_indent_chars": 0}),
        Element.BODY: body,
        Element.HEADING1: body.model_copy(update={"east_asian_font": "黑体"}),
        Element.HEADING2: body.model_copy(update={"east_asian_font": "楷体_GB2312"}),
        Element.HEADING3: body.model_copy(update={"bold": True}),
        Element.HEADING4: body,
        # A run-in heading looks like its own-line counterpart, inside a body paragraph.
        Element.HEADING1_RUN_IN: body.model_copy(update={"east_asian_font": "黑体"}),
        Element.HEADING2_RUN_IN: body.model_copy(update={"east_asian_font": "楷体_GB2312"}),
        Element.HEADING3_RUN_IN: body.model_copy(update={"bold": True}),
        Element.HEADING4_RUN_IN: body,
        Element.RUN_IN: body.model_copy(update={"bold": True}),
        Element.LEAD: body.model_copy(update={"bold": True}),
    }


_ALT_NAMES = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
    "黑体": "SimHei",
    "宋体": "SimSun",
}

STANDARD = LayoutProfile(
    name="speech",
    description="标准讲话稿：A4，版心 156×225 毫米，每页 22 行、每行 28 字，正文三号仿宋（GB/T 9704-2012）",
    styles=_standard_styles("三号"),
    font_alt_names=_ALT_NAMES,
)

LARGE_PRINT = LayoutProfile(
    name="speech-large",
    description="大字版（讲台宣读用）：正文小二号（18 磅）仿宋，每页 18 行、每行 24 字，行距 35.4 磅",
    styles=_standard_styles("小二"),
    # 18 lines of 708 twips (35.4 pt) fill the 225 mm block; 24 characters of 18 pt fit 156 mm uncondensed.
    line_pitch_twips=708,
    char_spacing_twips=0,
    lines_per_page=18,
    chars_per_line=24,
    font_alt_names=_ALT_NAMES,
)

PROFILES: dict[str, LayoutProfile] = {profile.name: profile for profile in (STANDARD, LARGE_PRINT)}
"""The bundled profiles by template name; ``templates/<name>.docx`` is built from each."""
