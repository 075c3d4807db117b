"""Using docgen from Python: build a speech in code, load one from YAML, render both.

Run from the repository:  python examples/api_example.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen import DocgenError, Speech, Template, load_speech, render_file
from docgen.model.stats import speech_stats

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
out.mkdir(parents=True, exist_ok=True)

# 1. A speech built in code. Enumerators (一是, 一、) are generated; only the title is required.
speech = Speech(
    title="在全县2023年安全生产工作会议上的讲话",
    date="2023-02-15",
    speaker="张　三",
    salutation="同志们",
    opening=["今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。"],
    recommendations={
        "intro": "下面，我讲三点意见。",
        "items": [
            {"heading": "提高政治站位，压实安全责任。", "body": [{"lead": "要落实党政同责。", "text": "……"}]},
            {"heading": "突出重点领域，深化隐患排查。", "body": ["要盯住道路交通、建筑施工等重点行业。"]},
            {"heading": "强化应急准备，提升处置能力。", "body": ["要完善预案，加强演练。"]},
        ],
    },
    closing="同志们，安全生产责任重于泰山。谢谢大家！",
)
print("上下文（模板收到的数据）中的标题分行：", speech.to_context()["title_lines"])
print("已生成：", render_file(speech, out / "安全生产讲话.docx"))

# 2. The seed speech from YAML, in the standard and the large-print template; one prepared Template
#    can render any number of speeches, from any number of threads.
seed = load_speech(Path(__file__).with_name("seed.yaml"))
large = Template("speech-large")
print("已生成：", render_file(seed, out / "述职评议讲话.docx"))
print("已生成：", render_file(seed, out / "述职评议讲话-大字版.docx", large))
stats = speech_stats(seed)
print(f"字数 {stats.characters}，按每分钟 {stats.rate} 字计，{stats.duration}")

# 3. Bad input never raises a bare traceback at the user: every error is a DocgenError with a clear message.
try:
    Speech(title="", closing=["谢谢\x07大家"])
except DocgenError as error:
    print(error)
