"""Postal addresses that are not US/UK-shaped: street-name-then-number orders (Dutch, German,
Nordic, Polish, Turkish, Spanish/Mexican, Portuguese/Brazilian, Italian, French, Vietnamese),
their postcode + city lines, districts (``Col.``, ``Mah.``, ``Phường``), unit tails (``No: 12 D: 4``,
``Int. 5``, ``m. 5``, ``3º B``) and multi-line postal blocks.

The text is cut into *segments* at commas, semicolons, line breaks and `` - ``; each segment is
classified by the address parts it holds (a street, a postcode + city, a district, a unit, a city
or country name...), and consecutive segments that fit together (the first one's address part
reaching its end, the last one's starting at its start, the middle ones wholly address) form a
run. A run is an address only if its parts score enough: one strong part (a street with a
street-type word and a house number, a country-shaped postcode followed by a city) or two
medium ones (districts, ``Am Markt 3``). City, country, unit and bare "number + name" segments
score nothing on their own: they only extend an address found next to them, so the name line
of a letter, "Chapter 12, Section 3" or "Release 2024, Berlin" stay untouched.

English blocks take part too: the street grammar of ``detectors.py`` ("12 High Street") is a
strong part, and so are ``PO Box 1234`` and a closing UK postcode / US state + ZIP line, so the
city lines between them are covered; a UK house name is kept before a street without a number.

``detect_addresses(text)`` returns ``Span(start, end, "ADDRESS")`` for each run (the leading
city-like segments of a run, e.g. the addressee's name line, are left out)."""

from __future__ import annotations

import bisect
import re

from spark_control.redaction.spans import Folded, Span, foldable, lowercase_twin, matches_at, scan

IC = re.IGNORECASE

# ---------------------------------------------------------------- English: number + street + suffix
_STREET_SUFFIX = (
    "street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|terr|close|"
    "crescent|cres|parkway|pkwy|square|sq|circle|cir|highway|hwy|trail|trl|row|walk|mews|grove|gardens|gdns|hill|"
    "park|green|rise|view|vale|wharf|quay|alley|aly|bend|bluff|bluffs|branch|brook|brooks|burg|bypass|camp|canyon|"
    "cape|causeway|center|centre|circles|cliff|cliffs|club|common|commons|corner|corners|course|courts|cove|coves|"
    "creek|crest|crossing|crossroad|curve|dale|dam|divide|drives|estate|estates|expressway|extension|extensions|"
    "falls|ferry|field|fields|flat|flats|ford|fords|forest|forge|forges|fork|forks|fort|freeway|garden|gateway|"
    "glen|glens|greens|groves|harbor|harbors|harbour|haven|heights|hills|hollow|inlet|island|islands|isle|junction|"
    "junctions|key|keys|knoll|knolls|lake|lakes|land|landing|lanes|light|lights|loaf|lock|locks|lodge|loop|mall|"
    "manor|manors|meadow|meadows|mill|mills|mission|motorway|mount|mountain|mountains|neck|orchard|oval|overpass|"
    "parks|parkways|pass|passage|path|pike|pine|pines|plain|plains|plaza|point|points|port|ports|prairie|radial|"
    "ramp|ranch|rapid|rapids|rest|ridge|ridges|river|roads|route|run|shoal|shoals|shore|shores|skyway|spring|"
    "springs|spur|spurs|squares|station|stravenue|stream|streets|summit|terrace|throughway|trace|track|"
    "trafficway|trailer|tunnel|turnpike|underpass|union|unions|valley|valleys|viaduct|views|village|villages|"
    "ville|vista|walks|wall|ways|well|wells|close|drove|end|gate|hey|fold|chase|croft|approach|broadway|parade"
)
ENGLISH_STREET = re.compile(
    r"(?<![\w/.:-])(?:(?:flat|apt|apartment|unit|suite|ste)\.?\s*#?\s*\w+,?\s+)?\d{1,6}[A-Za-z]?(?:-\d{1,4})?,?\s+"
    r"(?:[A-Za-z][A-Za-z'.\-]*\s+){0,4}(?:" + _STREET_SUFFIX + r")\b\.?"
    r"(?:[ \t]+(?-i:N|S|E|W|NE|NW|SE|SW)\b\.?|[ \t]+(?:ne|nw|se|sw)(?=[ \t]*(?:[,\n]|$)))?"  # "Ave NW", "st se,"
    r"(?:,?\s+(?:apt|apartment|suite|ste|unit|flat|fl|floor|room|rm|#)\.?\s*#?\s*[\w-]+)?",
    IC,
)

# street-name words that are never part of a street name, and suffixes that are also plain words
_STREET_STOP = frozenset(
    "to the a an and of for with in on at by from or but is are was were be i we you he she they it this that "
    "my your our their his her its have has had will would can could should tickets items things times people "
    "minutes hours days weeks months years".split()
)
_UNIT_WORDS = frozenset(("flat", "apt", "apartment", "unit", "suite", "ste", "fl", "floor", "room", "rm"))
_UNAMBIGUOUS_SUFFIX = re.compile(
    r"(?:street|st|avenue|ave|road|rd|lane|ln|drive|boulevard|blvd|court|ct|terrace|crescent|parkway|pkwy|"
    r"highway|hwy)\.?$",
    IC,
)


_SENTENCE_BREAK = re.compile(r"[a-z]{3}\.\s+[A-Z][a-z]")


def english_street_ok(match: str) -> bool:
    match = re.sub(r"\s+(?:n|s|e|w|ne|nw|se|sw)\.?$", "", match, flags=IC)  # the directional after the suffix
    words = re.findall(r"[A-Za-z][A-Za-z'.\-]*", match)
    if not words:
        return False
    if any(w.lower() in _STREET_STOP for w in words):
        return False
    if _SENTENCE_BREAK.search(match, 0, match.rfind(words[-1])):
        return False  # "30 days. Fair point": a sentence ends inside the street name
    name_words = words[:-1]
    if not [w for w in name_words if w.lower() not in _UNIT_WORDS] and words[-1].lower() != "broadway":
        return False  # "Route 66, Highway 1", "Gate 3 Close": a street word alone names no street
    # lowercase street names only with an unambiguous suffix ("12 main street", not "2 tickets to close")
    if not any(w[0].isupper() for w in name_words + words[-1:]):
        return bool(
            _UNAMBIGUOUS_SUFFIX.search(match.split(",")[0].strip())
            or re.search(r"\b(?:street|road|avenue|lane|drive|boulevard|court)\b", match, IC)
        )
    return True


_L = r"[^\W\d_]"  # a letter, any script
_W = _L + r"+(?:['’\-]" + _L + r"+)*"  # a word ("Ana-María", "d'Italia")
_PART = r"(?:van|der|den|de|het|ten|ter|von|vom|am|an|auf|im|zum|zur|la|le|les|las|los|el|del|della|delle|degli|dei|di|da|do|dos|das|des|du|y|e|i|und|sur|sous)(?![\w'’\u0300-\u036f])"
_NAMEWS = r"(?:(?:" + _W + r"|\d{1,4}\.?|\d{1,2}e|'t)\s+){0,3}"  # words before a street word
_HOUSENO = (
    r"\d{1,5}(?:[ \-]?[A-Za-z](?:\s\d{1,3}(?![\d.,:]))?(?![\w'’:]|\.\s*\d))?"  # 12a, 12 B 5
    r"(?:\s?[/\-]\s?(?:\d{1,4}[A-Za-z]?|[IVX]{1,4}(?!\w)))?"  # 15/3, 45-II
)
_NUMMARK = r"(?:(?:No|Nr|Nº|N°|n°|nº|Núm|Num|Número|Numer|Nummer|Số)\s*[.:]?\s*|#\s*)?"
_UNIT = (
    r"(?:(?:Daire|Kat|Int|Interior|Depto|Dpto|Depart|Piso|Apto|Apt|Ap|lok|lokal|Bus|hs|Whg|Wohnung|Stiege|"
    r"Tür|Top|Etage|Bloco|Blok|Bl|Casa|Lote|Lt|Mz|Mza|Manzana|Esc|Puerta|Pta|Sala|Conj|Andar|Scala|Interno|"
    r"Bât|Bâtiment|Appt|App|Apartamento|Apartament|Kamer|Box)\.?\s*[:.]?\s*[\w/]{1,5}(?!\w)"
    r"|(?:D|K|m)(?:\s*[.:]\s*|\s+)\d{1,4}[A-Za-z]?(?!\w)"
    r"|\d{1,2}\s*[º°ª]\s*(?:[A-Za-z]{1,4}\.?)?|\d{1,2}\.\s*(?:OG|Etage|Stock|piso|andar|kat|verdieping)(?!\w)"
    r"|(?:bis|ter|huis|boven|bg)(?!\w))"
)
_UNIT_TAIL = r"(?:\s*,?\s*" + _UNIT + r")*"

# ---------------------------------------------------------------- streets
# street-type words glued to the name ("Keizersgracht", "Hauptstraße", "Drottninggatan") or
# following it ("Berliner Straße"); then the house number
_GLUED = (
    r"straat|gracht|weg|laan|plein|kade|singel|dijk|steeg|hof|markt|dreef|burgwal|haven|wetering|"
    r"straße|strasse|str\.|gasse|allee|platz|damm|ufer|chaussee|pfad|steig|"
    r"gatan|gata|vägen|väg|gränd|torget|torg|veien|vei|vejen|vej|gaden|gade|stræde|plads|plassen|plass|allé|katu|tie|"
    r"kuja|polku|gate"
)
# glued suffixes that are plain English endings too: only with a capital and a long enough stem
_GLUED_SHORT = frozenset(("weg", "hof", "tie", "gade", "vei", "vej", "torg", "haven", "markt", "kade", "dijk"))
_GLUED_NOT = frozenset(("brigade", "renegade", "bowtie", "necktie", "nightie", "sweetie", "cutie", "hoodie"))
_DISTINCT_GLUED = re.compile(
    r"(?:straat|gracht|laan|plein|singel|steeg|dreef|burgwal|straße|strasse|str\.|gasse|allee|platz|damm|ufer|"
    r"chaussee|gatan|vägen|gränd|torget|veien|vejen|gaden|stræde|plads|plassen|katu|kuja|polku|weg|dijk|kade|markt)$",
    IC,
)
_STREET_GLUED = re.compile(
    r"(?<![\w.\-])(?P<pre>" + _NAMEWS + r")(?P<st>(?:" + _L + r"+-)*" + _L + r"*?(?:" + _GLUED + r"))(?!\w)\.?,?\s+"
    r"(?P<no>" + _NUMMARK + _HOUSENO + r")(?!\d)" + _UNIT_TAIL,
    IC,
)
# street-type word first: "ul. Długa 15/3", "Calle Morelos 123", "Rua Augusta, 1200", "Via Roma 10"
_PREFIX_DISTINCT = (
    r"ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac|calle|c/|avenida|av\.|avda\.?|paseo|calzada|calz\.|camino|"
    r"carretera|privada|priv\.|cerrada|callejón|andador|prolongación|prol\.|circuito|rua|travessa|tv\.|praça|"
    r"pça\.?|alameda|estrada|rodovia|viale|v\.le|piazza|p\.za|piazzale|vicolo|rue|chemin|allée|impasse|quai|"
    r"faubourg|đường|phố|ngõ|ngách|hẻm|carrer|rambla|passeig|travesía|glorieta|bulevar|laan van|rua dr\.|"
    r"bd\.?|bvd\.?|blvd\.?"
)
_PREFIX_AMBIG = r"via|corso|largo|strada|avenue|boulevard|place|route|cours|passage|plein|kade|ronda|av"
_STREET_PREFIX = re.compile(
    r"(?<![\w.])(?P<type>" + _PREFIX_DISTINCT + r"|" + _PREFIX_AMBIG + r")\s+"
    r"(?P<name>(?:(?:" + _W + r"|\d{1,2}(?=\s+de\s))\.?\s+){0,4}" + _W + r"\.?)"
    r",?\s*(?P<no>" + _NUMMARK + _HOUSENO + r"|s/n|S/N)(?!\d)" + _UNIT_TAIL,
    IC,
)
# number first: "12 rue de la Paix", "123 Đường Lê Lợi", "Số 12 Phố Hàng Bạc"
_STREET_NUMFIRST = re.compile(
    r"(?<![\w.,/])(?:Số\s+)?\d{1,4}(?:\s?(?:bis|ter|[A-Za-z])(?!\w))?,?\s+"
    r"(?P<type>rue|avenue|av\.|boulevard|bd|chemin|allée|impasse|place|quai|route|cours|passage|faubourg|"
    r"đường|phố|ngõ|hẻm|calle|rua|via|avenida|viale|piazza)\s+"
    r"(?P<name>(?:" + _PART + r"\s+|" + _W + r"\s+){0,4}" + _W + r")",
    IC,
)
# Turkish: "Atatürk Cad. No: 12 D: 4", "Moda Mah. Şair Nefi Sok. No:12", "1234. Sokak No: 5"
_STREET_TR = re.compile(
    r"(?<![\w.])(?P<mah>(?:" + _W + r"\s+){1,3}(?:Mah\.|Mahallesi|Mh\.)\s*,?\s*)?"
    r"(?P<name>(?:(?:" + _W + r"|\d{1,5}\.?)\s+){1,3})"
    r"(?P<type>Cad\.|Caddesi|Cd\.|Sok\.|Sokak|Sokağı|Sk\.|Bulvarı|Blv\.|Bulv\.|Çıkmazı|Yolu)"
    r"(?:\s*,?\s*(?P<no>(?:No\s*[:.]?\s*)?" + _HOUSENO + r"(?!\d)))?" + _UNIT_TAIL,
    IC,
)
# English-language blocks: "PO Box 1234", a street line without a number ("Mill Lane"), and the
# postcode / state + ZIP line that closes them ("Fakenham NR21 0AA", "IL 62704")
_PO_BOX = re.compile(
    r"(?<![\w.])(?:P\.?[ \t]?O\.?[ \t]?Box|Post[ \t]+Office[ \t]+Box|PO[ \t]?Box)[ \t]*#?[ \t]*\d{1,6}(?!\d)", IC
)
_EN_STREET_WORDS = (
    r"Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Way|Court|Ct|Crescent|Gardens|Terrace|Place|Row|Walk|"
    r"Hill|Green|Grove|Square|Mews|Parade|Boulevard|Blvd"
)
_EN_STREET_NONUM = re.compile(r"(?:[A-Z][a-z'’\-]+[ \t]+){1,3}(?:" + _EN_STREET_WORDS + r")\.?")
_US_ST = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|"
    "PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|NSW|VIC|QLD|SA|TAS|ACT|NT"
)
_EN_POSTCODE_END = re.compile(
    r"(?:(?:[A-Z][A-Za-z'’\-]+[ \t]+){0,3})?"
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"  # UK
    r"|(?:" + _US_ST + r")\.?[ \t]+\d{5}(?:-\d{4})?"  # US state + ZIP
    r"|(?:" + _US_ST + r")\.?[ \t]+[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"  # CA province + postcode
    r"|(?:" + _US_ST + r")\.?[ \t]+\d{4})(?![\w-])"  # AU state + postcode
)
_US_STATE_ZIP_LOWER = re.compile(r"(?:" + _US_ST.lower() + r")\.?[ \t]+\d{5}(?:-\d{4})?(?![\w-])")
_CAP_TAIL = re.compile(r"(?:(?:The[ \t]+)?[A-Z][a-z'’\-]+[ \t]+){0,2}[A-Z][a-z'’\-]+$")  # "... to Rose Cottage"
_TR_LOWER_OK = re.compile(r"caddesi|sokak|sokağı|bulvarı|çıkmazı", IC)

# ---------------------------------------------------------------- districts (medium)
_DISTRICT = re.compile(
    r"(?<![\w.])(?:(?:Col\.|Colonia|Alc\.|Mpio\.|Fracc\.|Fraccionamiento|Barrio|Bairro|Urb\.|Urbanización|Alcaldía|"
    r"Delegación|Deleg\.|Municipio|Distrito|Phường|Quận|Huyện|Xã|Thị xã|Tỉnh|Thành phố|TP\.|Tp\.|TP|Khu phố|"
    r"Ấp|Thôn|Gmina|Powiat|Województwo|woj\.|Osiedle|Ortsteil|Stadtteil|Kerület|Ilçe|Semt)\s*"
    r"(?:(?:" + _PART + r"|" + _W + r"|\d{1,3})(?:\s+|(?=[,\n]|$)|\.)){1,4}"
    r"|(?:" + _W + r"\s+){1,3}(?:Mah\.|Mahallesi|Mh\.))",
    IC,
)
_DISTRICT_LOWER_OK = re.compile(r"colonia|barrio|bairro|phường|quận|huyện|mahallesi|osiedle|gmina", IC)
# German prepositional streets: "Am Markt 3", "Unter den Linden 77" (medium: "Im Jahr 2020")
_STREET_DE_PREP = re.compile(
    r"(?<![\w.])(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Vor dem|"
    r"Bei der|Alt)\s+" + _W + r"(?:\s+" + _W + r")?\s+" + _HOUSENO + r"(?!\d)" + _UNIT_TAIL
)

# ---------------------------------------------------------------- postcodes (+ city)
_LM = r"(?:[^\W\d_]|[\u0300-\u036f])"  # a letter or a combining mark ("i̇stanbul" lowercased)
_CITYW = _L + _LM + r"*(?:['’\-.]" + _L + _LM + r"*)*\.?"
_CITY = (
    r"(?P<city>" + _CITYW + r"(?:(?:[ \t]+|[ \t]*/[ \t]*)(?:" + _PART + r"|" + _CITYW + r")){0,3}"
    r"(?:[ \t]*\([A-Za-z]{2,4}\))?)"
)
_PC_STRONG = re.compile(
    r"(?:[A-Z]{1,2}-)?(?P<pc>[1-9]\d{3}[ \t]?[A-Z]{2}(?![\w])"  # NL 1012 AB (also "NL-1012 AB", "D-10115")
    r"|\d{2}-\d{3}"  # PL 00-950
    r"|\d{4}-\d{3}"  # PT 1100-148
    r"|\d{5}-\d{3}"  # BR 01310-200
    r"|\d{3}[ \t]\d{2}"  # SE 111 21
    r"|\d{5})"  # DE/FR/IT/ES/MX/TR/FI
    r"(?![\w-])[ \t]+" + _CITY
)
_PC_WEAK = re.compile(
    r"(?P<pc>\d{4}(?![\w-])|\d{6}(?![\w-])|[1-9]\d{3}[ \t]?[a-z]{2}(?![\w])|\d{2}-\d{3}|\d{5}-\d{3}|\d{5})"
    r"(?![\w-])(?:[ \t]+" + _CITY + r")?"
)
_PC_PREFIXED = re.compile(
    r"(?<![\w.])(?:C\.[ \t]?P\.|CP|CEP|CAP|PLZ|Posta Kodu|PK|code postal|kod pocztowy|mã bưu chính)[ \t]*[:.]?[ \t]*"
    r"\d{4,6}(?:-\d{3,4})?(?!\d)(?:[ \t]+" + _CITY + r")?",
    IC,
)
# letter pairs after 4 digits that are units, not Dutch postcodes ("2048 MB", "1080 HD")
_NOT_NL = frozenset(
    "MB KB GB TB PB HD SD PM AM UK US EU CM MM KM KG MG ML HZ PC OK ID TV QA BC AD CE AC DC SA SS SD UTC".split()
)

# ---------------------------------------------------------------- weak segments
_LOOSE_NUMFIRST = re.compile(
    r"(?<![\w.])(?:(?:No\.?|Số)\s*)?\d{1,5}[A-Za-z]?(?:/\d{1,4})?\s+(?:" + _W + r"\s+){0,3}" + _W
)
_LOOSE_NAMEFIRST = re.compile(r"(?:" + _W + r"\s+){1,3}" + _HOUSENO + r"(?!\d)" + _UNIT_TAIL)
# its gate: every match has a space before a digit (the scan tries every letter of a segment; two in
# three segments near an address anchor have no number after a space)
_SPACE_DIGIT = re.compile(r"\s\d")
_UNIT_SEG = re.compile(r"(?:" + _UNIT + r"|" + _NUMMARK + r"\d{1,5}[A-Za-z]?(?:/\d{1,4})?)" + _UNIT_TAIL, IC)
_STATE = re.compile(r"[A-Z]{2,5}(?:\.|(?![\w]))|\([A-Z]{2,4}\)")
_CITY_SEG = re.compile(_CITY)
_SLASH_CITY = re.compile(r"(?<![\w/])" + _CITYW + r"[ \t]*/[ \t]*" + _CITYW)  # Turkish "Kadıköy / İstanbul"

# words after a number at the start of a segment that make it a count, not a postcode + city
_NOT_CITY = frozenset(
    "users customers people persons visitors views downloads installs requests calls tickets orders items units "
    "records rows files euros euro dollars pounds yen points votes steps miles km kilometres meters metres hours "
    "minutes seconds days weeks months years employees staff members students patients subscribers followers "
    "likes clicks sessions messages emails errors issues bugs tests lines words pages copies pieces boxes "
    "times total new more less".split()
)
_NUMWORD_MARK = frozenset(("no", "nr", "nº", "n°", "núm", "num", "número", "numer", "nummer", "số"))
_STOP = frozenset(
    "the a an and or but so if for to of in on at by from with as is are was were be been i we you he she they it "
    "this that my your our their his her its me us them have has had will would can could should do does did not "
    "no yes ok okay thanks thank please hi hello dear regards best cheers sincerely kind just also then there here "
    "call email phone mobile tel fax ref re fwd subject date time meeting agenda notes ticket order invoice version "
    "release chapter section page step item room floor building gate platform route highway level table figure "
    "yeah yep yup um uh er like right sure alright bye lol haha".split()
)

_SEP = re.compile(
    r"[ \t]*(?:,(?![ \t]*(?:" + _NUMMARK + r")?\d{1,5}[A-Za-z]?(?:/\d{1,4})?[ \t]*(?:[,;\n]|[ \t][-–][ \t]|$))[ \t]*\n?"
    r"|[;|][ \t]*\n?|\n|[ \t][-–][ \t])[ \t]*"
)
_TR_HINT = re.compile(r"cad|cd\.|sok|sk\.|bulv|blv|yolu|çıkmaz", IC)
# cheap anchors: a segment without any of them holds no scoring part, so the expensive street
# regexes run only where one of these matched
# (a word before a house number whose ending is a street word; a suffix alternation tried at every
# position would cost more than everything else here)
_A_WORD_NUM = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})\.?,?[ \t]+(?:(?:No|Nr|Nº|N°|#)[ \t.:]*)?\d", IC)
_GLUED_ENDINGS = tuple(x.replace("\\.", "") for x in _GLUED.split("|"))


# Every match of _A_WORD_NUM has a blank run before its number: "[ \t]+(No )?\d" (_NUM_AFTER_BLANK) finds
# those few places (the regex engine skips in C to the next blank), and the word is read backwards from
# there; tried at every word start, _A_WORD_NUM cost ~4x more. The same starts: a word that ends where a
# blank run (after an optional "." and ",") leads to a number is where _A_WORD_NUM matches (tested there),
# and no other match can consume such a word's start ("No", "Nr" end with no street word).
_NUM_AFTER_BLANK = Folded(re.compile(r"[ \t]+(?:(?:No|Nr|Nº|N°|#)[ \t.:]*)?\d", IC))
_LETTER = re.compile(r"[^\W\d_]")


def _glued_hits(text: str, low: str) -> list[int]:
    out = []
    letter = _LETTER.match
    for b in _NUM_AFTER_BLANK.finditer(text, low):
        e = b.start()
        if e and text[e - 1] == ",":
            e -= 1
        if e and text[e - 1] == ".":
            e -= 1
        s = e
        while s and letter(text, s - 1):
            s -= 1
        if e - s >= 2:
            m = _A_WORD_NUM.match(text, s)
            if m and m.group(1).lower().endswith(_GLUED_ENDINGS):
                out.append(s)
    return out


_A_PREFIX = re.compile(r"(?<![\w.])(?:" + _PREFIX_DISTINCT + r"|" + _PREFIX_AMBIG + r")\s+\w", IC)
_A_TR = re.compile(r"(?:cad\.|caddesi|cd\.|sok\.|sokak|sokağı|sk\.|bulvarı|blv\.|bulv\.|çıkmazı|yolu)(?!\w)", IC)
_A_DISTRICT = re.compile(
    r"(?<![\w.])(?:col\.|colonia|alc\.|mpio\.|fracc|barrio|bairro|urb\.|urbanizaci|alcald|delegaci|deleg\.|municipio|distrito|"
    r"phường|quận|huyện|xã|thị xã|tỉnh|thành phố|tp\.?|khu phố|ấp|thôn|gmina|powiat|województwo|woj\.|osiedle|ortsteil|"
    r"stadtteil|kerület|ilçe|semt|mah\.|mahallesi|mh\.)",
    IC,
)
_A_POSTCODE = re.compile(
    r"(?:^|[,;|\n]|\s[-–]\s)[ \t]*\d{2,6}(?:[ \t-]\d{2,3})?(?:[ \t]?[A-Za-z]{2}(?!\w))?(?:[ \t]+\w|[ \t]*(?:$|[,;\n]))"
    r"|(?:c\.\s?p\.|\bcp|\bcep|\bcap|\bplz|posta kodu|\bpk|code postal|kod pocztowy|mã bưu chính)[ \t]*[:.]?[ \t]*\d",
    IC | re.MULTILINE,
)
_A_EN = re.compile(
    r"(?i:\bbox\b)|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b|\b[A-Z]{2,3}\.?[ \t]+\d{4,5}\b"
    r"|,[ \t]*(?:" + _US_ST.lower() + r")[ \t]+\d{5}\b"  # ", or 97401" in a lowercase line
)
# substring gates (C speed) in front of the anchor regexes; None = always run
_GATES = {
    "tr": ("cad", "cd.", "sok", "sk.", "bulv", "blv", "yolu", "çıkmaz"),
    "district": ("col", "alc.", "mpio", "fracc", "barrio", "bairro", "urb", "deleg", "municip", "distrito", "phường",
                 "quận", "huyện", "xã", "tỉnh", "thành", "tp", "khu", "ấp", "thôn", "gmina", "powiat", "woj", "osiedle",
                 "ortsteil", "stadtteil", "kerület", "ilçe", "semt", "mah", "mh."),
}  # fmt: skip


# (anchor, Folded when it is case-insensitive, substring gate or None)
_ANCHORS = tuple(
    (a if not a.flags & IC else Folded(a), gate)
    for a, gate in (
        (_A_PREFIX, None),
        (_A_TR, _GATES["tr"]),
        (_A_DISTRICT, _GATES["district"]),
        (_A_POSTCODE, None),
        (_A_EN, None),
    )
)

# The postcode and English anchors open with a line start, a separator or a capital, so the regex engine
# tried them at every position (a third of detect_addresses' time). Every match of the postcode anchor but
# its cue words ("cp", "plz", ...) opens 0-3 characters before the blank run that leads to a digit run;
# every match of the English one but "box" begins 1-2 letters before a digit run ("SW1A 1AA"), 2-3 before
# the "." and blanks that lead to one ("NY 10001", "VIC. 3000"), or at the comma before a state and its
# blanks (", or 97401"): the digit runs (one scan, shared through spans.scan) give those few places, the
# cue words are found with str.find, and each anchor is tried only there (spans.matches_at: the same
# matches as its finditer over the whole text).
_DIGIT_RUN = re.compile(r"\d+")
_PC_CUES = ("c.", "cp", "cep", "cap", "plz", "posta kodu", "pk", "code postal", "kod pocztowy", "mã bưu chính")
_POSTCODE_TWIN = lowercase_twin(_A_POSTCODE)


def _blanks_before(text: str, i: int) -> int:
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i


def _find_all(low: str, words) -> list[int]:
    out = []
    for w in words:
        i = low.find(w)
        while i != -1:
            out.append(i)
            i = low.find(w, i + 1)
    return out


def digit_run_starts(text: str) -> list[int]:
    """Where each run of digits begins (one scan per text, shared through spans.scan): every match of a
    scan whose number opens it after a look-behind that refuses a word character ("(?<![\\w/.:-])\\d",
    "(?<![\\w+])\\d") begins at one of these, or a fixed number of characters before one."""
    return [m.start() for m in scan(_DIGIT_RUN, text)]


def street_matches(text: str, low: str) -> list[re.Match]:
    """``ENGLISH_STREET.finditer(text)``: every match begins at a digit run or at its unit word ("flat
    3, 12 Main St"), so it is tried only there (~3x faster; text whose lowercased copy moves offsets is
    scanned whole)."""
    if not (text.isascii() or foldable(text)):
        return list(ENGLISH_STREET.finditer(text))
    starts = set(digit_run_starts(text))
    starts.update(_find_all(low, ("flat", "apt", "apartment", "unit", "suite", "ste")))
    return matches_at(ENGLISH_STREET, text, starts)


def _cued_anchor_hits(text: str, low: str) -> list[int] | None:
    """The starts of _A_POSTCODE's and _A_EN's matches (None: the text does not fold safely; scan whole)."""
    if not text.isascii():
        return None  # (_A_POSTCODE spells non-ASCII letters: Folded would scan such text with the pattern)
    pc: set[int] = set(_find_all(low, _PC_CUES))
    en: set[int] = set(_find_all(low, ("box",)))
    for d in digit_run_starts(text):
        q = _blanks_before(text, d)
        pc.update((q, q - 1, q - 2, q - 3))
        en.update((d - 1, d - 2))
        if q < d:
            r = q - 1 if text[q - 1 : q] == "." else q
            en.update((r - 2, r - 3))
            for n in (2, 3):
                en.add(_blanks_before(text, q - n) - 1)
    hits = [m.start() for m in matches_at(_POSTCODE_TWIN, low, pc)]
    return hits + [m.start() for m in matches_at(_A_EN, text, en)]


_CUED_ANCHORS = (_ANCHORS[3][0], _ANCHORS[4][0])  # _A_POSTCODE (Folded), _A_EN

STRONG, MEDIUM, WEAK = 4, 2, 1
_REACH = 5  # segments around an anchor that may extend its run


def _cap(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’\-]*", s)


def _name_ok(words: list[str], lower_ok: bool) -> bool:
    """Street-name words: capitalised (or name particles), never ordinary function words; lowercase
    only when the whole segment is lowercase and the street word is unambiguous."""
    if not words:
        return True
    if any(w.lower() in _STOP and not _is_part(w) for w in words):
        return False
    if lower_ok:
        return True
    content = [w for w in words if not re.fullmatch(_PART, w, IC)]
    return bool(content) and all(_cap(w) for w in content)


def _is_part(w: str) -> bool:
    return re.fullmatch(_PART, w, IC) is not None


def _name_start(seg: str, s: int, e: int, lower: bool, need: int = 1) -> int | None:
    """Start of the name words that end the prefix seg[s:e] (its last word-run before a number or
    street word): capitalised words, numbers ("1254.") and particles, read from the right, stopping at
    an ordinary word ("listed 1254. Sokak" -> "1254. Sokak"). None if fewer than ``need`` words."""
    words = list(re.finditer(r"[^\W_][\w'’\-]*\.?", seg[s:e]))
    start = None
    count = 0
    for w in reversed(words):
        t = w.group(0).rstrip(".")
        if t.lower() in _NUMWORD_MARK:
            continue
        if t[:1].isdigit() and not re.fullmatch(r"\d{1,5}", t):
            continue  # the house number itself
        if t.lower() in _STOP or not (lower or _cap(t) or _is_part(t)):
            break
        start = s + w.start()
        count += 1
    if start is None or count < need:
        return None
    return start


def _trim_city(text: str, s: int, e: int, lower: bool) -> int:
    """End of the city name in text[s:e]: drop trailing particles, ordinary words and (in cased
    text) lowercase words, "Amsterdam and" -> "Amsterdam"."""
    parts = list(re.finditer(r"\([A-Za-z]{2,4}\)|" + _CITYW, text[s:e]))
    end = s
    for k, m in enumerate(parts):
        w = m.group(0)
        if k and parts[k - 1].group(0).endswith(".") and len(parts[k - 1].group(0)) > 5:
            break  # "Lyon. Update billing": the sentence ended
        if w.lower().rstrip(".") in _STOP and not (k == 0 and w == "The"):  # "The Hague", "The Old Rectory"
            break
        if not lower and not _cap(w) and not re.fullmatch(_PART, w, IC) and not w.startswith("("):
            break
        if k >= 4:
            break
        end = s + m.end()
    # a trailing particle is not part of the name
    while end > s:
        tail = re.search(r"(?:^|\s)(" + _PART + r")$", text[s:end], IC)
        if not tail:
            break
        end = s + tail.start(1)
        end = s + len(text[s:end].rstrip(" \t/"))
    return end


class _Part:
    __slots__ = ("start", "end", "score", "droppable", "kind")

    def __init__(self, start: int, end: int, score: int, droppable: bool = False, kind: str = "") -> None:
        self.start, self.end, self.score, self.droppable, self.kind = start, end, score, droppable, kind


def _street_parts(seg: str, off: int, lower: bool) -> list[_Part]:
    out: list[_Part] = []
    if not any(map(str.isdigit, seg)) and not _TR_HINT.search(seg):
        return out
    for m in _STREET_GLUED.finditer(seg) if _glued_hits(seg, seg.lower()) else ():
        st = m.group("st")
        low = st.lower()
        if low in _GLUED_NOT:
            continue
        suffix = re.search(r"(?:" + _GLUED + r")$", low)
        stem = low[: suffix.start()] if suffix else low
        # only the name words right before the street word ("lives at Berliner Str." -> "Berliner")
        start = _name_start(seg, m.start("pre"), m.end("pre"), lower)
        if lower and start is not None:  # lowercase: one word before a separate street word ("alte str.")
            start = None if stem else seg.rfind(" ", 0, m.start("st") - 1) + 1
            if start is not None and seg[start : m.start("st")].strip().lower() in _STOP:
                start = None
        if not stem and start is None:
            continue  # "Straße 5", "Platz 3": a street word alone is no street name
        if lower:
            if not st.islower() or not _DISTINCT_GLUED.search(low) or (not stem and start is None):
                continue
        elif not _cap(st) and start is None:
            continue
        if suffix and suffix.group(0) in _GLUED_SHORT and len(stem) < 4 and start is None:
            continue
        if suffix and suffix.group(0) == "gate" and (st != "gate" or start is None):
            continue  # Norwegian "Karl Johans gate 21"; never "Gate 21", "Watergate 5"
        out.append(_Part(off + (m.start("st") if start is None else start), off + m.end(), STRONG))
    has_prefix = _A_PREFIX.search(seg) is not None
    for m in _STREET_PREFIX.finditer(seg) if has_prefix else ():
        typ = m.group("type")
        name = [w for w in _words(m.group("name")) if w.lower() not in _NUMWORD_MARK]
        distinct = re.fullmatch(_PREFIX_DISTINCT, typ, IC) is not None
        if not distinct and not lower and not (_cap(typ) and name and _cap(name[0])):
            continue
        if not _name_ok(name, lower):
            continue
        # lowercase "corso buenos aires 7": only next to a postcode or district
        out.append(_Part(off + m.start(), off + m.end(), STRONG if distinct or not lower else MEDIUM))
    for m in _STREET_NUMFIRST.finditer(seg) if has_prefix else ():
        name = _words(m.group("name"))
        typ = m.group("type").lower()
        ambiguous = typ in ("avenue", "place", "route", "cours", "passage", "via", "boulevard", "piazza")
        content = [w for w in name if not _is_part(w)]
        if not content or content[0].lower() in _STOP:
            continue
        if not lower and not _cap(content[0]):
            continue
        score = MEDIUM if lower and ambiguous else STRONG  # "114 boulevard voltaire": only beside a postcode
        out.append(_Part(off + m.start(), off + m.start("name") + _name_end(m.group("name")), score))
    for m in _STREET_TR.finditer(seg) if _A_TR.search(seg) else ():
        abbrev = not _TR_LOWER_OK.search(m.group("type"))
        if lower and abbrev and not m.group("no"):
            continue  # lowercase "sok." / "cad." only with a house number after it
        name_start = m.start("name") + len(m.group("name")) - len(m.group("name").lstrip())
        start = _name_start(seg, m.start("name"), m.end("name"), lower)
        if start is None:
            continue
        if m.group("mah"):
            if start != name_start:
                continue  # "Moda Mah. and then Sok.": the street name must follow the district
            kw = re.search(r"(?:Mah\.|Mahallesi|Mh\.)", m.group("mah"), IC)
            mah_start = _name_start(seg, m.start("mah"), m.start("mah") + kw.start(), lower)
            start = mah_start if mah_start is not None else start
        out.append(_Part(off + start, off + m.end(), STRONG))
    # the English grammar of detectors.py ("12 High Street"), so its city and postcode lines join it
    for m in ENGLISH_STREET.finditer(seg) if any(map(str.isdigit, seg)) else ():
        if english_street_ok(m.group(0)):
            out.append(_Part(off + m.start(), off + m.end(), STRONG))
    for m in _PO_BOX.finditer(seg) if "box" in seg.lower() else ():
        out.append(_Part(off + m.start(), off + m.end(), STRONG))
    for m in (
        _STREET_DE_PREP.finditer(seg) if ("A" in seg or "I" in seg or "Z" in seg or "U" in seg) else ()
    ):  # "Am Markt 3" / "Im Jahr 2020": only beside a postcode line
        out.append(_Part(off + m.start(), off + m.end(), WEAK))
    return out


def _name_end(name: str) -> int:
    """Street names after the type word end at the last capitalised word or at a lowercase word
    that follows them ("12 rue de la Paix where" -> "12 rue de la Paix")."""
    ws = list(re.finditer(r"\S+", name))
    end = 0
    for k, w in enumerate(ws):
        t = w.group(0)
        if k and t.lower() in _STOP:
            break
        end = w.end()
    return end


def _postcode_parts(seg: str, off: int, lower: bool) -> list[_Part]:
    out: list[_Part] = []
    if not any(map(str.isdigit, seg)):
        return out
    for m in _PC_PREFIXED.finditer(seg):
        e = m.end()
        if m.group("city"):
            e = _trim_city(seg, m.start("city"), m.end("city"), lower)
        out.append(_Part(off + m.start(), off + max(e, m.start("city") if m.group("city") else e), STRONG))
    # a postcode opens its segment ("..., 10115 Berlin", "\n00-950 Warszawa")
    m = _PC_STRONG.match(seg)
    if m:
        pc = m.group("pc")
        city_end = _trim_city(seg, m.start("city"), m.end("city"), lower)
        nl = re.fullmatch(r"\d{4}[ \t]?([A-Z]{2})", pc)
        first = seg[m.start("city") : city_end].split()[:1]
        ok = city_end > m.start("city") and not lower and first and first[0].lower() not in _NOT_CITY
        if nl and nl.group(1) in _NOT_NL:
            ok = False
        if ok:
            out.append(_Part(off, off + city_end, STRONG))
            return out
    m = _PC_WEAK.match(seg)
    if m:
        pc = m.group("pc")
        nl = re.fullmatch(r"\d{4}[ \t]?([a-z]{2})", pc)
        if nl and (nl.group(1) in _STOP or nl.group(1).upper() in _NOT_NL):
            return out
        e = m.end("pc")
        score = MEDIUM if re.fullmatch(r"\d{5}-\d{3}", pc) else WEAK
        if m.group("city"):
            ce = _trim_city(seg, m.start("city"), m.end("city"), lower)
            if ce > m.start("city") and seg[m.start("city") : ce].split()[0].lower() not in _NOT_CITY:
                e = ce
                if lower and len(pc) >= 5:
                    score = MEDIUM  # "41945 milano" in a lowercase line
        out.append(_Part(off, off + e, score))
    return out


def _segment_parts(seg: str, off: int, lower: bool) -> list[_Part]:
    parts = _street_parts(seg, off, lower) + _postcode_parts(seg, off, lower)
    for m in _DISTRICT.finditer(seg) if _A_DISTRICT.search(seg) else ():
        if lower and not _DISTRICT_LOWER_OK.search(m.group(0)):
            continue
        e = m.end()
        while e > m.start() and seg[e - 1] in " \t":
            e -= 1
        parts.append(_Part(off + m.start(), off + e, MEDIUM))
    # weak parts: a unit, "number + name", a city / state / country name
    m = _UNIT_SEG.match(seg)
    if m and m.end() > 0:
        parts.append(_Part(off, off + m.end(), 0))
    m = _STATE.fullmatch(seg.rstrip(". "))
    if m:
        parts.append(_Part(off, off + m.end(), 0, droppable=True))
    m = _CITY_SEG.match(seg)
    if m:
        e = _trim_city(seg, 0, m.end(), lower)
        if e > 0:
            parts.append(_Part(off, off + e, 0, droppable=True))
    m = _US_STATE_ZIP_LOWER.match(seg) if lower else None
    if m:
        parts.append(_Part(off, off + m.end(), WEAK))  # "or 97401" after a street and a city
    if not lower:
        m = _EN_STREET_NONUM.fullmatch(seg)
        if m and not any(w.lower() in _STOP for w in _words(seg)):
            parts.append(_Part(off, off + len(seg), 0, kind="en_street"))  # "Mill Lane": inside a block
        m = _EN_POSTCODE_END.match(seg)
        if m:
            parts.append(_Part(off + m.start(), off + m.end(), STRONG))
        m = _CAP_TAIL.search(seg)
        if m and m.start() > 0 and not any(w.lower() in _STOP for w in _words(m.group(0))[1:]):
            parts.append(_Part(off + m.start(), off + m.end(), 0, droppable=True))
    for m in _SLASH_CITY.finditer(seg) if "/" in seg else ():
        if lower or all(_cap(w) for w in re.split(r"[ \t]*/[ \t]*", m.group(0))):
            parts.append(_Part(off + m.start(), off + m.end(), 0, droppable=True))
    for m in _LOOSE_NUMFIRST.finditer(seg):
        ws = [w for w in _words(m.group(0)) if not w[0].isdigit()]
        if ws and (lower or all(_cap(w) or _is_part(w) for w in ws)) and not any(w.lower() in _STOP for w in ws):
            parts.append(_Part(off + m.start(), off + m.end(), 0))
    for m in _LOOSE_NAMEFIRST.finditer(seg) if _SPACE_DIGIT.search(seg) else ():
        k = re.search(r"\s\d", m.group(0))
        st = _name_start(seg, m.start(), m.start() + k.start(), lower) if k else None
        if st is not None:
            parts.append(_Part(off + st, off + m.end(), 0))
    return _merge(parts, seg, off)


def _merge(parts: list[_Part], seg: str, off: int) -> list[_Part]:
    """Parts that touch or overlap inside one segment ("calle morelos 123 colonia centro") add up;
    the separate parts stay too, so a run may still start or end at any of them."""
    if len(parts) < 2:
        return parts
    parts.sort(key=lambda p: (p.start, -p.end))
    merged: list[_Part] = []
    cur = None
    for p in parts:
        if cur is not None and p.start <= cur.end + 1 and not seg[cur.end - off : p.start - off].strip():
            if p.end > cur.end or p.score:
                cur = _Part(cur.start, max(cur.end, p.end), cur.score + p.score, cur.droppable and p.droppable)
            continue
        if cur is not None:
            merged.append(cur)
        cur = _Part(p.start, p.end, p.score, p.droppable)
    merged.append(cur)
    return parts + [m for m in merged if not any(m.start == p.start and m.end == p.end for p in parts)]


def _split(text: str) -> list[tuple[int, int]]:
    segs = []
    pos = 0
    for m in _SEP.finditer(text):
        segs.append((pos, m.start()))
        pos = m.end()
    segs.append((pos, len(text)))
    return segs


def _content_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t.":
        e -= 1
    return e


def detect_addresses(text: str) -> list[Span]:
    if not any(map(str.isdigit, text)):
        return []
    low = text.lower()
    hits = _glued_hits(text, low)
    cued = _cued_anchor_hits(text, low)
    if cued is not None:
        hits += cued
    for anchor, gate in _ANCHORS:
        if cued is not None and anchor in _CUED_ANCHORS:
            continue
        if gate is None or any(g in low for g in gate):
            found = anchor.finditer(text, low) if isinstance(anchor, Folded) else anchor.finditer(text)
            hits += [m.start() for m in found]
    hits.sort()
    if not hits:
        return []
    segs = _split(text)
    # only segments near an anchor can be part of a run (a postal block has a handful of lines)
    hot = set()
    for idx, (s, e) in enumerate(segs):
        k = bisect.bisect_left(hits, s - 3)
        if k < len(hits) and hits[k] <= e:
            hot.update(range(idx - _REACH, idx + _REACH + 1))
    info = []  # per segment: (tail part, head part, full part, best anywhere)
    for idx, (s, e) in enumerate(segs):
        if idx not in hot:
            info.append((None, None, None, None))
            continue
        ce = _content_end(text, s, e)
        ls, le = text.rfind("\n", 0, s) + 1, text.find("\n", ce)
        lower = not any(map(str.isupper, text[ls : le if le >= 0 else len(text)]))
        parts = _segment_parts(text[s:ce], s, lower) if ce > s else []
        tail = max((p for p in parts if p.end >= ce), key=lambda p: (p.score, -p.start, not p.droppable), default=None)
        head = max((p for p in parts if p.start == s), key=lambda p: (p.score, p.end, not p.droppable), default=None)
        full = max(
            (p for p in parts if p.start == s and p.end >= ce), key=lambda p: (p.score, not p.droppable), default=None
        )
        best = max(parts, key=lambda p: p.score, default=None)
        info.append((tail, head, full, best))

    spans: list[Span] = []
    i, n = 0, len(segs)
    while i < n:
        tail, _, _, best = info[i]
        run: list[_Part] = []
        j = i
        if tail is not None:
            run.append(tail)
            j = i + 1
            while j < n and info[j][2] is not None:
                run.append(info[j][2])
                j += 1
            if j < n and info[j][1] is not None:
                run.append(info[j][1])
                j += 1
        # leading name / city lines of a block are not the address
        while run and run[0].droppable and run[0].score == 0:
            if len(run) > 1 and run[1].kind == "en_street":
                break  # the house name before "Mill Lane" belongs to the address
            run.pop(0)
        score = sum(p.score for p in run)
        strong = any(p.score >= STRONG for p in run)
        if run and (strong or score >= STRONG):
            spans.append(Span(run[0].start, run[-1].end, "ADDRESS"))
            i = max(j, i + 1)
            continue
        if best is not None and best.score >= STRONG:
            spans.append(Span(best.start, best.end, "ADDRESS"))
        i += 1
    return [_inline_tail(text, sp) for sp in spans]


# ---------------------------------------------------------------- the rest of an address inline
# a found street goes on without a comma in running text: "Kalverstraat 31 5665 VA Amsterdam",
# "Lindenallee 73 in 17206 Dresden", "calz. morelos 279 col. centro cp 67203 n.l."; only right
# after an address already found, so a postcode, district or state here needs no score of its own
_TAIL_CITY = r"(?:" + _CITYW + r"(?:[ \t]+(?:" + _PART + r"|" + _CITYW + r")){0,2})"
_INLINE_PC = re.compile(
    r"[ \t]+(?:in[ \t]+)?(?:[A-Z]{1,2}-)?(?:[1-9]\d{3}[ \t]?[A-Z]{2}|\d{5}|\d{4}-\d{3}|\d{2}-\d{3})(?![\w-])"
    r"[ \t]+(?P<city>" + _TAIL_CITY + r")"
)
_INLINE_PC_LOWER = re.compile(
    r"[ \t]+(?:in[ \t]+)?(?:[1-9]\d{3}[ \t]?(?P<nl>[a-z]{2})|\d{5}|\d{4}-\d{3}|\d{2}-\d{3})(?![\w-])"
    r"[ \t]+(?P<city>" + _CITYW + r")"
)
_INLINE_MX = re.compile(
    r"[ \t]+(?:(?:col\.|colonia)[ \t]+(?:(?!c\.?p\b)" + _W + r"[ \t]+){0,2}(?!c\.?p\b)" + _W + r"\.?"
    r"|c\.?[ \t]?p\.?[ \t]*\d{5}(?:[ \t]+[a-z]{1,4}\.(?:[ \t]?[a-z]{1,4}\.)?(?![\w]))?)",
    IC,
)


def _inline_tail(text: str, sp: Span) -> Span:
    end = sp.end
    ls, le = text.rfind("\n", 0, sp.start) + 1, text.find("\n", sp.start)
    lower = not any(map(str.isupper, text[ls : le if le >= 0 else len(text)]))
    for _ in range(3):
        m = (_INLINE_PC_LOWER if lower else _INLINE_PC).match(text, end)
        if m and lower and m.group("nl") and m.group("nl") in _STOP:
            m = None
        if m and (m.group("city").split()[0].lower() in _STOP or m.group("city").split()[0].lower() in _NOT_CITY):
            m = None
        if m is None:
            m = _INLINE_MX.match(text, end)
        if m is None:
            break
        if m.re is _INLINE_MX:
            end = m.end()
            continue
        city_end = _trim_city(text, m.start("city"), m.end("city"), lower)
        if city_end <= m.start("city"):
            break
        end = city_end
    return sp if end == sp.end else Span(sp.start, end, "ADDRESS")


# ---------------------------------------------------------------- UK addresses inline in a sentence
# "she lives at 9 orchard mews, kendal, la9 4qs now", "move to 2 The Green, Ludlow SY8 1AA": the
# postcode at the end is the anchor, so the street before it may be lowercase, have an ambiguous
# type word ("close", "mews") or be "The <Word>"; at most a two-word town (and "in") between them
_UK_WORD = r"[^\W\d_][\w'’\-]*"
_UK_INLINE = re.compile(
    r"(?<![\w/.:-])((?:(?:flat|apt|unit)[ \t]*\d{1,4}[a-z]?,?[ \t]+)?\d{1,4}[a-z]?,?[ \t]+"
    r"(?:the[ \t]+" + _UK_WORD + r"|(?:" + _UK_WORD + r"[ \t]+){1,3}(?:" + _STREET_SUFFIX + r")\b\.?))"
    r"(?:,?[ \t]+(?:in[ \t]+)?" + _UK_WORD + r"(?:[ \t]+" + _UK_WORD + r")?)?,?[ \t]+"
    r"[a-z]{1,2}\d[a-z\d]?[ \t]?\d[a-z]{2}(?![\w])",
    IC,
)


def uk_inline(text: str) -> list[Span]:
    """UK addresses written inline, number to postcode, in any case (see ``_UK_INLINE``)."""
    if not any(map(str.isdigit, text)):
        return []
    out = []
    if text.isascii() or foldable(text):  # every match begins at a digit run or its unit word: tried only there
        starts = set(digit_run_starts(text))
        starts.update(_find_all(text.lower(), ("flat", "apt", "unit")))
        found = matches_at(_UK_INLINE, text, starts)
    else:
        found = _UK_INLINE.finditer(text)
    for m in found:
        words = [w.lower() for w in re.findall(_UK_WORD, m.group(1))]
        if words and words[0] == "the":
            words = words[1:]
        if any(w in _STREET_STOP for w in words):
            continue  # "12 tickets to close, Leeds LS1 4AP"
        out.append(Span(m.start(), m.end(), "ADDRESS"))
    return out
