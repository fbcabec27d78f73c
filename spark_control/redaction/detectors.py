"""Deterministic recognizers for structured PII: regexes plus validators (Luhn, mod-97,
``ipaddress``) and context words. Each returns ``Span`` objects."""

from __future__ import annotations

import ipaddress
import re

from spark_control.redaction import addresses
from spark_control.redaction.addresses import english_street_ok as _street_ok
from spark_control.redaction.gates import CARD_DIGITS, PHONE_DIGITS, SIX_DIGITS, SSN_DIGITS, digit_count
from spark_control.redaction.spans import Cued, Folded, Span, Triggered, foldable, matches_at

IC = re.IGNORECASE

# ---------------------------------------------------------------- email (also spoken, in URLs)
_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|info|biz|me|dev|app|ai|tech|online|site|xyz|email|mail|cloud|health|name|pro"
    "|eu|tv|ly|gg|mobi|asia|tel|travel|jobs|museum|coop|aero|store|shop|live|life|world|today|news|blog|page|space"
    "|website|digital|agency|company|solutions|services|studio|design|media|network|systems|group|global|club|family"
    "|social|fun|top|vip|work|works|care|law|legal|finance|money|bank|consulting|academy|school|education"
    "|university|art|photo|games|energy|earth|london|nyc|berlin|paris|tokyo|amsterdam|wales|scot|africa|ventures"
    "|partners|capital|holdings|international|center|centre|city|zone|link|click|host|tools|software|codes|fm"
    # every two-letter country code: "kaya at posta dot com dot tr", "nguyen at x dot vn"
    "|ac|ad|ae|af|ag|ai|al|am|ao|aq|ar|as|at|au|aw|ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bm|bn|bo|br|bs|bt|bw|by|bz|ca"
    "|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|cr|cu|cv|cw|cx|cy|cz|de|dj|dk|dm|do|dz|ec|ee|eg|er|es|et|fi|fj|fk|fm|fo|fr|ga"
    "|gd|ge|gf|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|hu|id|ie|il|im|in|iq|ir|is|it|je|jm|jo|jp|ke"
    "|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|ls|lt|lu|lv|ma|mc|md|mg|mh|mk|ml|mm|mn|mo|mp|mq|mr|ms|mt|mu"
    "|mv|mw|mx|my|mz|na|nc|ne|nf|ng|ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|pm|pn|pr|ps|pt|pw|py|qa|re|ro|rs"
    "|ru|rw|sa|sb|sc|sd|se|sg|sh|si|sk|sl|sm|sn|so|sr|ss|st|sv|sx|sy|sz|tc|td|tf|tg|th|tj|tk|tl|tm|tn|to|tr|tt|tw"
    "|tz|ua|ug|uk|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+%-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])")
# obfuscations: "at"/"dot" spoken or bracketed ([at] (at) {at} <at> -at- [@] [.]), a spaced "@" / ".",
# capitals (JANE DOT DOE AT X DOT COM), "underscore"/"dash" in the local part, letters of any script
_OBF_OPEN, _OBF_CLOSE = r"[\[({<\"'*-]", r"[\])}>\"'*-]"
_SEP_DOT = r"(?:\.|\s+dot\s+|\s*" + _OBF_OPEN + r"\s*(?:dot|\.)\s*" + _OBF_CLOSE + r"\s*|\s+\.\s+)"
_SEP_AT = r"(?:\s+at\s+|\s*" + _OBF_OPEN + r"\s*(?:at|@)\s*" + _OBF_CLOSE + r"\s*|\s*@\s*)"
_LOCAL_SEP = (
    r"(?:\.|_|-|\s+dot\s+|\s*" + _OBF_OPEN + r"\s*(?:dot|\.)\s*" + _OBF_CLOSE + r"\s*|\s+\.\s+|\s+underscore\s+"
    r"|\s+dash\s+|\s+hyphen\s+)"
)
_EMAIL_LOCAL = r"(?<![\w.])[^\W_][^\W_+]*(?:\+[^\W_]+)?(?:" + _LOCAL_SEP + r"[^\W_]+(?:\+[^\W_]+)?)*"
_DOMAIN_LABEL = r"[^\W_](?:[^\W_]|-|\s+(?:dash|hyphen)\s+(?=[^\W_]))*"  # a domain label: "acme-mail", "acme dash mail"
# matched from each "at"/"@" anchor: the local part ending there, the domain from there on (one regex
# over the whole text tried the local part at every word: three times slower)
_LOCAL_END = re.compile(_EMAIL_LOCAL + r"$", IC)
# on lowercase text; tried only at its "at" and "@" (spans.Triggered: ~5x faster, the same matches)
_AT_WORD = Triggered(re.compile(r"(?<![^\W_])at(?![^\W_])|@"))
_BEFORE_AT = " \t\n[({<\"'*-"
_DOMAIN_TAIL = re.compile(
    _SEP_AT + _DOMAIN_LABEL + r"(?:" + _SEP_DOT + _DOMAIN_LABEL + r")*" + _SEP_DOT + r"(?:" + _TLDS + r")(?![\w])", IC
)
# a webmail provider without its ending ("jane dot doe at gmail"), only after an e-mail cue
_PROVIDER_TAIL = re.compile(
    _SEP_AT + r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|protonmail|proton|aol|gmx|yandex)(?![\w])", IC
)
_EMAIL_CUE = re.compile(r"\b(?:e-?mail|mail|address|inbox)\b", IC)

# ---------------------------------------------------------------- URL, IP
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + r")/[^\s<>\"'`]*",
    IC,
)
# The digit scans open with their first digit and check what stands before it afterwards
# ("\d(?<![\w-]\d)" is "(?<![\w-])\d"): the same matches, and a pattern that opens with a
# character class lets the regex engine skip to the next digit in C (2-4x faster per scan).
_IPV4 = re.compile(r"\d(?<![\d.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]*\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])", IC)

# ---------------------------------------------------------------- numbers
_CARD = re.compile(r"\d(?<![\w-]\d)(?:[ \-.]?\d){12,18}(?![\w-]|[ \-.]\d)")
_SSN = re.compile(r"\d(?<![\w-]\d)\d{2}([- ])\d{2}\1\d{4}(?![\w-])")
_SSN_CTX = re.compile(r"\b(?:ssn|social security|social|ss#)\b[^\n\d]{0,30}(\d{9})\b", IC)
_NINO = re.compile(r"(?<![\w])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Z](?![\w])", IC)
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\w])", IC)
_SORT = re.compile(r"\d(?<![\w-]\d)\d([- ])\d{2}\1\d{2}(?![\w-])")
_SORT_CTX = re.compile(r"\bsort\s*code\b", IC)
_ROUTING_CTX = re.compile(r"\b(?:routing|aba|rtn|transit)\b[^\n\d]{0,30}(\d{9})\b", IC)
_ACCOUNT_CTX = re.compile(
    r"\b(?:account|acct|a/c|acc)\b\.?(?:\s*(?:number|no\.?|num|#))?[^\n\d;.!?]{0,25}(\d(?:[ -]?\d){5,19})\b", IC
)
# another number's label between "account" and the digits: "the admin account, PO 8343280"
_OTHER_NUMBER = re.compile(
    r"\b(?:po|order|invoice|ticket|ref|reference|case|build|version|sku|serial|model|contract|quote|booking|"
    r"tracking|licen[cs]e|agreement|job|batch)\b",
    IC,
)
_EXT = r"(?:,?\s*(?:x|ext\.?:?|extension:?|#)\s*\d{1,6})?"
_PHONE_LIKE = re.compile(
    r"(?<![\w+])(?:\+|00)?\d[\d\s().\-]{5,20}\d" + _EXT + r"(?![\w])"
    r"|(?<![\w])\(\d{2,5}\)\s?[\d][\d\s.\-]{4,14}\d" + _EXT + r"(?![\w])"
)
_NOT_PHONE_CTX = re.compile(
    r"\b(?:isbn|issn|order|invoice|ticket|ref|reference|version|build|sku|po|case|tracking|serial|batch|lot|"
    r"meeting id|webinar id|conference id|passcode|transaction|txn|confirmation|barcode|ean|upc|gtin|receipt|"
    r"parcel|shipment|policy|(?:order|booking|customer|account|member|device|user|session) id)\b"
    r"[^\n\d]{0,16}$",
    IC,
)
_PHONE_CTX = re.compile(
    r"\b(?:phone|tel|mobile|cell|call|ext|whatsapp|fax|reach)\b"
    r"|(?<!order )(?<!ticket )(?<!invoice )(?<!case )(?<!tracking )(?<!reference )(?<!serial )(?<!account )"
    r"(?<!model )(?<!part )(?<!po )(?<!build )(?<!store )(?<!policy )(?<!receipt )(?<!confirmation )\bnumber\b",  # "the order number ... its 8616638" is no phone cue
    IC,
)

# Spoken digits: "five five five, one two three four", "double seven", "oh" for zero
_DIGIT_WORDS = {
    "zero": 1, "oh": 1, "o": 1, "one": 1, "two": 1, "three": 1, "four": 1, "five": 1, "six": 1, "seven": 1,
    "eight": 1, "nine": 1, "double": 0, "triple": 0, "nought": 1, "niner": 1,
}  # fmt: skip
_SPOKEN_DIGITS = re.compile(
    r"(?<![\w])(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|nought|double|triple|\d)"
    r"(?:[\s,.\-]+|$)){7,}",
    IC,
)

# ---------------------------------------------------------------- date of birth (context only)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMW = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|twenty[- ]?\w+|thirty[- ]?first"
# spoken cardinal days: "four december", "may ten", "july twenty one"
_NUMW += r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
_NUMW += r"|seventeen|eighteen|nineteen|twenty|thirty(?:[- ]one)?)"
_NUMW = r"(?:" + _NUMW + r")(?!\w)"
# a two-digit year after any apostrophe-like mark: '87 ’87 ‘87 `87 ´87 ʼ87 ′87
_APOS_YY = r"['’‘`´ʼ′]\d{2}"
_YEARW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ \t-](?:one|two|three|four|five|six|seven|eight|nine)\b|(?:nineteen|twenty)[ \t-]+(?:oh[ \t-]+)?\w+(?:[ \t-]+\w+)?|two thousand(?:[ \t-]+and)?(?:[ \t-]+\w+)?|\d{2,4}|"
    + _APOS_YY
    + ")"
)
_DATE = re.compile(
    r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{1,2}[/.\- ]" + _MONTHS + r"\.?[/.\- ](?:\d{4}|\d{2}|" + _APOS_YY + r")(?!\d)"  # 1-Aug-1940, 3/Mar/85
    r"|\d{1,2}" + _MONTHS + r"\.?,?[ \t]?" + _APOS_YY + r"(?!\d)"  # glued: 5Mar'87
    r"|\d{4}[/.\-]" + _MONTHS + r"[/.\-]\d{1,2}(?!\d)"
    r"|(?:the[ \t]+)?(?:\d{1,2}(?:st|nd|rd|th)?|"
    + _NUMW
    + r")(?:[ \t]+of)?[ \t]+"
    + _MONTHS
    + r"\.?,?(?:[ \t]+"
    + _YEARW
    + r")?"
    r"|" + _MONTHS + r"[ \t]+\d{4}(?!\d)"  # "March 1985" before "March 19|85"
    r"|"
    + _MONTHS
    + r"\.?[ \t]+(?:the[ \t]+)?(?:\d{1,2}(?:st|nd|rd|th)?(?!\d)|"
    + _NUMW
    + r"),?(?:[ \t]+"
    + _YEARW
    + r")?"
    r"|(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"  # 19850314
    r"|(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}(?!\d)"  # 14031985
    r"|(?<![\d/.\-])\d{1,2}[/.\-]\d{1,2}(?![/.\-]?\d)",  # "3/14" (no year), only near birth words
    IC,
)
_NO_YEAR = re.compile(r"\d{1,2}[/.\-]\d{1,2}")
_BIRTH_CTX = re.compile(
    r"(?:\b|(?<=_))(?:date[ _\-]?of[ _\-]?birth|birth[ _\-]?date|birth ?day|d\.?o\.?b\.?|born(?: on| in)?|dob|b-?day|date de naissance|"
    r"n[ée]e? le|geburtsdatum|geb\.|geboren(?: am| op)?|geboortedatum|fecha de nacimiento|f\. ?nac\.|"
    r"nacid[oa](?: el)?|data de nascimento|nascid[oa] em|data di nascita|nat[oa] il|do[gğ]um tarihi|"
    r"data urodzenia|urodzon[ya](?: dnia)?|f[öo]delsedatum|f[öo]dd|f[øo]dselsdato|f[øo]dt|syntym[äa]aika|"
    r"ng[àa]y sinh|sinh ng[àa]y|birth(?=\s*[:=]))(?!\w)"
    r"|(?<!plan )\bb[.:](?=\s*(?:\d|the\b|"
    + _MONTHS
    + r"\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))",  # "b. 5 Mar '87", "b. Fri 5 Mar"
    IC,
)
_BIRTH_HINT = re.compile(
    r"birth|dob|born|d\.o\.b|b[.:]|b-?day|naissance|n[ée]e? le|geb|nacimiento|nac\.|nacid|nascid|nascita|nat[oa] il|"
    r"do[gğ]um|urodz|f[öo]d|f[øo]d|syntym|sinh",
    IC,
)
# "birthday party", "birthday campaign": the word names an event, not whose birth date follows
_NOT_BIRTH_AFTER = re.compile(
    r"[ \t]+(?:party|parties|campaign|card|cards|cake|lunch|dinner|present|gift|gifts|celebration|celebrations|"
    r"promo|promotion|sale|email|emails|list|reminder|reminders|wishes|message|messages|event|events|week|month|"
    r"budget|voucher|discount|club|calendar|bash|offer|bonus|song|surprise)\b",
    IC,
)
# between a date and the cue after it: "14/03/1985 (DOB)", "1985-03-14 is my date of birth"
_DATE_THEN_CUE = re.compile(
    r"[\s(\[,:\-–—]*(?:(?:is|was|that's|as|which is|=)\s+)?(?:(?:her|his|their|my|your|the|our)\s+)?", IC
)
_TABLE_RULE = re.compile(r"\n[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*(?=\n)")
# a longer gap of function words only: "3 Mar '88, which was her birthday", "On 3 Mar '88 she was born",
# "3 Mar '88 was the day he was born" (no noun between: "the day our startup was born" is no person's)
_DATE_GAP_CUE = re.compile(
    r"[\s(\[,:\-–—]*(?:(?:is|was|were|am|that's|thats|it's|as|which|when|the|day|date|her|his|their|my|your|"
    r"our|i|he|she|they|we|you|it|its|him|them|me|us|of|on|exactly|actually|officially|got)[\s,]+){1,6}",
    IC,
)
# a sentence or clause ends between the cue and a date: "born out of the 2019 hackathon; the kickoff is..."
_CLAUSE_END = re.compile(r"(?<=[a-z]{3})[.!]\s+(?=[A-Z])|;|\n[ \t]*\n")

# ---------------------------------------------------------------- handles, usernames
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_USERNAME_CTX = re.compile(
    r"\b(?:username|user name|user id|userid|login|handle|screen name|gamertag|account name|(?:wechat|whatsapp|telegram|skype|twitter|instagram|discord|github|tiktok|snapchat|user)(?=\s*(?:[:=]|is\b|id\b|handle\b)))\b\s*(?:is|was|:|=|-)?\s*[\"'`]?([A-Za-z0-9_.\-]{3,40}[A-Za-z0-9_])",
    IC,
)

# ---------------------------------------------------------------- addresses and postcodes
_NUMWORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|oh)"
_SPOKEN_STREET = re.compile(
    r"(?<![\w])" + _NUMWORD + r"(?:[\s-]+" + _NUMWORD + r"){0,4}\s+(?:[a-z][a-z'\-]*\s+){1,3}?"
    r"(?:street|road|avenue|lane|drive|close|crescent|court|terrace|place|boulevard)\b",
    IC,
)
_SORT_SPOKEN = re.compile(
    r"\bsort\s*code\b(?:\s+is)?[\s:,]+((?:(?:" + _NUMWORD + r"|\d{1,2})(?:[\s,-]+|(?=[.!?;]|$))){3,8})",
    IC,
)
_STREET_LOOSE = re.compile(r"\d(?<![\w/.:-]\d)\d{0,4}[A-Za-z]?\s+(?:[A-Z][A-Za-z'\-]+[ \t]?){1,3}(?=[,\n])")
_MILITARY = re.compile(
    r"\b(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}(?:\s*\n?\s*(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5})?"
    r"|\b(?:USNS|USS|USNV|USCGC)\s+[A-Z][a-z]+(?:\s*\n?\s*(?:FPO|APO|DPO)\s+A[AEP]\s+\d{5})?",
    IC,
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|"
    "PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|GU|VI|AS|MP|AA|AE|AP|NSW|VIC|QLD|WA|SA|TAS|ACT|NT|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|YT|NU"
)
# "City, ST 12345" (US), "City ST 2000" (AU), ", City" lines that follow a street line
_CITY_LINE = re.compile(
    r"[ \t]*(?:,[ \t]*|\n[ \t]*|[ \t]+)(?:[A-Za-z][A-Za-z'.\-]*[ \t]+){0,3}[A-Za-z][A-Za-z'.\-]*,?[ \t]+(?:"
    + _US_STATES
    + r")\.?,?[ \t]+(?:\d{4,5}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b",
    IC,
)
_UK_POSTCODE = re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?![\w])", IC)
_CA_POSTCODE = re.compile(r"(?<![\w])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w])", IC)


def _by_first_letter(words: str) -> str:
    """The state alternation "(?<!\\w)(?:AL|AK|...)" as "(?:A(?<!\\wA)(?:L|K|...)|...)": the same matches (each word keeps its
    order among those with its first letter, and words with other first letters never match at the same
    place), but the pattern opens with a choice of letters, so the regex engine skips in C to where a
    match can begin instead of trying the look-behind at every position (~8x per scan)."""
    groups: dict[str, list[str]] = {}
    for w in words.split("|"):
        groups.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(f"{c}(?<![\\w]{c})(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


_STATE_ZIP = re.compile(_by_first_letter(_US_STATES) + r"\.?,?\s+(\d{5}(?:-\d{4})?|\d{4})(?![\w-])")
_ZIP_CTX = re.compile(
    r"\b(?:zip|zip code|postcode|post code|postal code|pin code|pincode|eircode)\b\s*(?:is|:|=)?\s*"
    r"([A-Z0-9]{2,4}(?:[ -]?[A-Z0-9]{3,4})?)(?![\w])",
    IC,
)
_EIRCODE = re.compile(r"(?<![\w])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}(?![\w])")
_CITY_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*|\n[ \t]*)((?:[A-Z][A-Za-z'.\-]*[ \t]+){0,2}[A-Z][A-Za-z'.\-]*)(?=[ \t]*(?:,|\n|$|\.\s|\.$|[A-Z]{1,2}\d))"
)

_USERNAME_HINT = re.compile(
    r"user|login|handle|screen name|gamertag|account name|wechat|whatsapp|telegram|skype|twitter|instagram|"
    r"discord|github|tiktok|snapchat"
)
_NOT_HANDLES = frozenset(("@channel", "@here", "@everyone", "@all"))
_DIGITWORD_HINT = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|nought|double|triple|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b"
)
# whether _DIGITWORD_HINT finds a word (all its callers ask only that): its "\w+teen" branch, tried at every
# word start, cost most of the scan; the other words open with their letter (_by_first_letter: "\b" before
# a letter is "(?<!\w)"), and "\w+teen" is looked for only where "teen" occurs. The same answer.
_DIGITWORD_PLAIN = re.compile(
    _by_first_letter(
        "zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|nought|double|triple|ten|eleven|twelve|"
        "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    )
    + r"\b"
)
_TEEN = re.compile(r"\b\w+teen\b")


def _digit_words(low: str) -> bool:
    return _DIGITWORD_PLAIN.search(low) is not None or ("teen" in low and _TEEN.search(low) is not None)


# e-mails and URLs: every match begins in the run of local-part / domain characters right before its "@"
# or "/" (or at "http", "ftp", "www."), so each is tried only there (spans.matches_at; the same matches):
# the patterns open with a look-behind or "\b" and were tried at every position of the text
_EMAIL_CHAR = re.compile(r"[\w.+%-]")
_URL_CHAR = re.compile(r"[a-z0-9.-]")


def _run_before(s: str, i: int, char: re.Pattern) -> int:
    while i and char.match(s, i - 1):
        i -= 1
    return i


def _email_matches(text: str) -> list[re.Match]:
    starts = set()
    a = text.find("@")
    while a != -1:
        r = _run_before(text, a, _EMAIL_CHAR)
        starts.add(r)  # (inside the run a match begins only after a "%": "[\w.+-]" may not precede it)
        starts.update(i + 1 for i in range(r, a) if text[i] == "%")
        a = text.find("@", a + 1)
    return matches_at(_EMAIL, text, starts)


def _url_matches(text: str, low: str):
    if not (text.isascii() or foldable(text)):
        return _URL_F.pattern.finditer(text)
    starts = set()
    for head in ("http", "ftp", "www."):
        i = low.find(head)
        while i != -1:
            starts.add(i)
            i = low.find(head, i + 1)
    i = low.find("/")
    while i != -1:
        starts.update(range(_run_before(low, i, _URL_CHAR), i))
        i = low.find("/", i + 1)
    return matches_at(_URL_F.twin, low, starts)


# the scans that run on the lowercased copy of ASCII text, without case folding (spans.Folded)
_BIRTH_HINT_F = Folded(_BIRTH_HINT)
_BIRTH_HINT_T = Triggered(_BIRTH_HINT)  # the gate, tried only at its words (~2x faster, the same first match)
_URL_F = Folded(_URL)
_SPOKEN_DIGITS_F, _IPV6_F = map(Folded, (_SPOKEN_DIGITS, _IPV6))
# letters, then digits: every match of these begins one letter before a digit that follows a letter
# (CA, Eircode, a one-letter UK postcode: "a1"), two before it (IBAN, NINO, UK: "gb82", "sw1a") or three
# (NINO "ab 12"): one cue scan per text finds those digits (spans.scan), and each pattern is tried only
# there (spans.Cued; the same matches). The cue opens with its digit, so the regex engine skips in C to
# the next digit; the five patterns open with a look-behind and were tried at every position.
_LETTER_DIGIT = Folded(re.compile(r"\d(?:(?<=[a-z]\d)|(?<=[a-z]\s\d))", IC))
_NINO_F, _IBAN_F = Cued(_NINO, _LETTER_DIGIT, (3, 2)), Cued(_IBAN, _LETTER_DIGIT, (2,))
_UK_POSTCODE_F = Cued(_UK_POSTCODE, _LETTER_DIGIT, (2, 1))
_CA_POSTCODE_C, _EIRCODE_C = Cued(_CA_POSTCODE, _LETTER_DIGIT, (1,)), Cued(_EIRCODE, _LETTER_DIGIT, (1,))
# the cue-word scans (a label, then the value) are tried only where their words begin (spans.Triggered:
# the same matches; 1.4-9x faster per scan than the lowercase twin over the whole text, measured
# on the tuning speed set, tenth round)
_BIRTH_CTX_F, _USERNAME_CTX_F, _SPOKEN_STREET_F = map(Triggered, (_BIRTH_CTX, _USERNAME_CTX, _SPOKEN_STREET))
_SSN_CTX_F, _ROUTING_CTX_F, _ACCOUNT_CTX_F, _ZIP_CTX_F, _MILITARY_F = map(
    Triggered, (_SSN_CTX, _ROUTING_CTX, _ACCOUNT_CTX, _ZIP_CTX, _MILITARY)
)


def luhn_ok(digits: str) -> bool:
    total, alt = 0, False
    for ch in reversed(digits):
        d = ord(ch) - 48
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


# IBAN countries and lengths (the SWIFT IBAN registry): a mod-97 match with no such country
# ("HP41 4200 ...") is chance, one in 97
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip


def iban_ok(raw: str) -> bool:
    s = raw.replace(" ", "").upper()
    if s[:2] not in _IBAN_LENGTHS or not 15 <= len(s) <= 34:
        return False  # (the country's own length is not required: a mistyped IBAN is still one)
    s = s[4:] + s[:4]
    try:
        return int("".join(str(int(c, 36)) for c in s)) % 97 == 1
    except ValueError:
        return False


def _iban_end(text: str, start: int, end: int) -> int | None:
    """End of the longest checksum-valid IBAN starting at ``start`` (the regex may run into words)."""
    while end - start >= 15:
        if iban_ok(text[start:end]):
            return end
        end -= 1
        while end > start and text[end - 1] == " ":
            end -= 1
    return None


def aba_ok(d: str) -> bool:
    w = (3, 7, 1) * 3
    return len(d) == 9 and sum(int(c) * x for c, x in zip(d, w, strict=True)) % 10 == 0


def _near(pattern: re.Pattern, text: str, start: int, end: int, before: int = 40, after: int = 0) -> bool:
    return bool(pattern.search(text, max(0, start - before), min(len(text), end + after)))


def detect_structured(text: str) -> list[Span]:
    spans: list[Span] = []
    add = spans.append

    low = text.lower()
    has_digit = any(map(str.isdigit, text))
    for m in _email_matches(text) if "@" in text else ():
        add(Span(m.start(), m.end(), "EMAIL"))
    spans += _spoken_emails(text, low)
    for m in _url_matches(text, low) if "/" in text or "www." in low else ():
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".,;:!?)]}'\"":
            e -= 1
        add(Span(s, e, "URL"))
    for m in _IPV4.finditer(text) if has_digit else ():
        if re.search(r"\b(?:version|ver|v|build|release)\.?\s*$", text[max(0, m.start() - 12) : m.start()], IC):
            continue
        try:
            ipaddress.IPv4Address(m.group(0))
        except ValueError:
            continue
        add(Span(m.start(), m.end(), "IP"))
    for m in _IPV6_F.finditer(text, low) if text.count(":") >= 2 else ():
        g = text[m.start() : m.end()]
        if g.count(":") < 2 or not re.search(r"[0-9a-f]", g, IC):
            continue
        try:
            ipaddress.IPv6Address(g)
        except ValueError:
            continue
        add(Span(m.start(), m.end(), "IP"))

    if not has_digit:
        spans += _detect_wordy(text, low)
        return spans
    for m in _IBAN_F.finditer(text, low):
        end = _iban_end(text, m.start(), m.end())
        if end:
            add(Span(m.start(), end, "IBAN"))
    nd = digit_count(text)  # scans that need more digits than the text has are skipped (gates.py)
    for m in _CARD.finditer(text) if nd >= CARD_DIGITS else ():
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            add(Span(m.start(), m.end(), "CARD"))
    if nd >= SSN_DIGITS:
        for m in _SSN.finditer(text):
            add(Span(m.start(), m.end(), "SSN"))
        for m in _SSN_CTX_F.finditer(text, low):
            add(Span(m.start(1), m.end(1), "SSN"))
    if nd >= SIX_DIGITS:
        for m in _NINO_F.finditer(text, low):
            g = text[m.start() : m.end()]
            if (
                g.isupper()
                or g.islower()
                or _near(re.compile(r"\b(?:NI|NINO|national insurance)\b", IC), text, *m.span())
            ):
                add(Span(m.start(), m.end(), "NINO"))
        for m in _SORT.finditer(text):
            if _near(_SORT_CTX, text, m.start(), m.end(), 40):
                add(Span(m.start(), m.end(), "SORT_CODE"))
    for m in _ROUTING_CTX_F.finditer(text, low) if nd >= SSN_DIGITS else ():
        add(Span(m.start(1), m.end(1), "ROUTING"))
    for m in _ACCOUNT_CTX_F.finditer(text, low) if nd >= SIX_DIGITS else ():
        if not _OTHER_NUMBER.search(text, m.start(), m.start(1)) and not _DATE_ONLY.fullmatch(m.group(1)):
            add(Span(m.start(1), m.end(1), "ACCOUNT"))

    if nd >= PHONE_DIGITS:
        spans += _phones(text)
    spans += addresses.detect_addresses(text)  # street-name-first and non-English postal formats
    spans += addresses.uk_inline(text)  # "9 orchard mews, kendal, la9 4qs" inside a sentence
    spans += _detect_wordy(text, low)
    return spans


_LOG_STAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def _phones(text: str) -> list[Span]:
    """Phone numbers written with digits (national, international, extensions)."""
    out = []
    # every match begins at a digit run or one character before it ("+44", "(020)"): tried only there
    for m in matches_at(_PHONE_LIKE, text, {d - k for d in addresses.digit_run_starts(text) for k in (0, 1)}):
        s, e = m.start(), m.end()
        g = m.group(0)
        digits = re.sub(r"\D", "", re.sub(r",?\s*(?:x|ext\.?:?|extension:?|#)\s*\d+$", "", g))
        if not 7 <= len(digits) <= 15:
            continue
        if _DATE_ONLY.fullmatch(g.strip()) or _looks_like_time_or_amount(text, s, e):
            continue
        if "\n" in g and _LOG_STAMP.match(text, s + g.index("\n") + 1):
            continue  # "port 9092" and the next log line's "2023-05-21T06:07:09Z"
        if _near(_NOT_PHONE_CTX, text, s, s, 20) and not _cue_after_label(text, s):
            continue  # ISBNs, order/invoice/ticket numbers, versions
        if len(digits) >= 10 or g.startswith("+") or _near(_PHONE_CTX, text, s, e, 40) or _phone_shape(g):
            out.append(Span(s, e, "PHONE"))
    return out


_NUMBER_LABEL = re.compile(_NOT_PHONE_CTX.pattern.removesuffix(r"[^\n\d]{0,12}$"), IC)


def _cue_after_label(text: str, s: int) -> bool:
    """A phone cue nearer to the number than its order/ticket label ("PO 4814055" after "Call summary:"
    is an order number; "order 123, call me on 0207 ..." is a phone)."""
    window = text[max(0, s - 40) : s]
    cues = [m.end() for m in _PHONE_CTX.finditer(window)]
    labels = [m.end() for m in _NUMBER_LABEL.finditer(window)]
    return bool(cues) and (not labels or cues[-1] > labels[-1])


_SPEAKER_BEFORE = re.compile(r"(?:speaker|spk)[ _]?$", IC)


def _spoken_phones(text: str) -> list[Span]:
    """Phone numbers said digit by digit: "five five five, double two, oh one..." (7+ digits)."""
    out = []
    for m in _SPOKEN_DIGITS_F.finditer(text, text.lower()):
        s, e = m.start(), m.end()
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if text[s].isdigit() and _SPEAKER_BEFORE.search(text, max(0, s - 9), s):
            s += 1  # "speaker 2 oh seven seven...": the label's number is not part of the phone
            while s < e and not text[s].isalnum():
                s += 1
        words = re.findall(r"[a-z]+|\d", text[s:e], IC)
        n = sum(_DIGIT_WORDS.get(w.lower(), 1) for w in words)
        n += sum(1 for w in words if w.lower() == "double") + 2 * sum(1 for w in words if w.lower() == "triple")
        real = [w for w in words if w.lower() not in ("o", "oh")]
        if n >= 7 and len(real) >= 5:
            out.append(Span(s, e, "PHONE"))
    return out


def _detect_wordy(text: str, low: str) -> list[Span]:
    """Detectors that also fire on text without digits (spoken forms, handles, addresses); companies: ``companies.py``."""
    spans: list[Span] = []
    add = spans.append
    digit_words = _digit_words(low)
    if digit_words:
        spans += _spoken_phones(text)

    for m in _BIRTH_CTX_F.finditer(text, low) if _BIRTH_HINT_T.search(low, low) else ():
        if _NOT_BIRTH_AFTER.match(text, m.end()) or text[m.start() : m.end()] == "B:":
            continue  # ("Option B: 5 Mar '24": a "b:" cue is lowercase)
        window_end = min(len(text), m.end() + 100)
        d = _DATE.search(text, m.end(), window_end)
        if d and _NO_YEAR.fullmatch(d.group(0)) and d.start() - m.end() > 12:
            d = None  # "born in 1985 ... on 3/4": a date without a year only right after the birth word
        if d and _CLAUSE_END.search(text, m.end(), d.start()) and not re.search(r"[?\n]", text[m.end() : d.start()]):
            d = None  # the date belongs to another sentence (a question and its answer do belong together)
        gap = text[m.end() : d.start()] if d else ""
        if "|" in gap:  # a table's rule line under its header row ("| DOB |\n|---|\n| 3 Mar '88 |") is no break
            gap = _TABLE_RULE.sub("", gap)
        if d and (gap.count("\n") <= 1 or not gap.strip(" \t\r\n:=|-")):  # "Date of birth:\n\n3 Mar"
            add(Span(d.start(), d.end(), "DOB"))
        elif m.start() > 0:  # the date before its label: "14/03/1985 (DOB)"
            before = text[max(0, m.start() - 70) : m.start()]
            found = list(_DATE.finditer(before))
            b = found[-1] if found else None
            if b and (_DATE_THEN_CUE.fullmatch(before[b.end() :]) or _DATE_GAP_CUE.fullmatch(before[b.end() :])):
                off = m.start() - len(before)
                add(Span(off + b.start(), off + b.end(), "DOB"))

    for m in _HANDLE.finditer(text) if "@" in text else ():
        if m.group(0).lower() not in _NOT_HANDLES:
            add(Span(m.start(), m.end(), "USERNAME"))
    for m in _USERNAME_CTX_F.finditer(text, low) if _USERNAME_HINT.search(low) else ():
        add(Span(m.start(1), m.end(1), "USERNAME"))

    for m in addresses.street_matches(text, low):
        if not _street_ok(m.group(0)):
            continue
        s, e = m.start(), m.end()
        c = _CITY_LINE.match(text, e)
        if c:
            e = c.end()
        else:
            c2 = _CITY_AFTER.match(text, e)
            if c2:
                e = c2.end(1)
                pc = re.compile(r"[ \t]*,?[ \t]*(?:\n[ \t]*)?(" + _UK_POSTCODE.pattern + ")", IC).match(text, e)
                if pc:
                    e = pc.end()
        add(Span(s, e, "ADDRESS"))
    for m in _SORT_SPOKEN.finditer(text) if "sort" in low else ():
        e = m.end(1)
        while e > m.start(1) and not text[e - 1].isalnum():
            e -= 1
        add(Span(m.start(1), e, "SORT_CODE"))
    for m in _SPOKEN_STREET_F.finditer(text, low) if digit_words or "ty " in low else ():
        if _street_ok(text[m.start() : m.end()]):
            add(Span(m.start(), m.end(), "ADDRESS"))
    for m in _STREET_LOOSE.finditer(text):  # "77 Kramer Centreway, Johnsonfurt, VIC, 7074": any street name
        c = _CITY_LINE.match(text, m.end())
        if c:
            add(Span(m.start(), c.end(), "ADDRESS"))
    for m in _MILITARY_F.finditer(text, low) if ("box" in low or "us" in low) else ():
        add(Span(m.start(), m.end(), "ADDRESS"))
    for m in _UK_POSTCODE_F.finditer(text, low):
        g = text[m.start() : m.end()]
        if (
            (g.isupper() or g.islower())
            and re.search(r"\d[a-z]{2}$", g, IC)
            and not re.fullmatch(r"[a-z]+\d+[a-z]+", g)
        ):
            add(Span(m.start(), m.end(), "POSTCODE"))
    for m in _CA_POSTCODE_C.finditer(text, low):  # (matched in the lowercased copy: read the text as written)
        if text[m.start() : m.end()].isupper() or " " in m.group(0):
            add(Span(m.start(), m.end(), "POSTCODE"))
    for m in _STATE_ZIP.finditer(text):
        add(Span(m.start(1), m.end(1), "POSTCODE"))
    for m in _ZIP_CTX_F.finditer(text, low):
        if any(map(str.isdigit, m.group(1))):
            add(Span(m.start(1), m.end(1), "POSTCODE"))
    for m in _EIRCODE_C.finditer(text, low):
        if re.search(r"\d.*[A-Z]|[A-Z].*\d.*[A-Z]", m.group(0)[3:]) or m.group(0)[3:].strip().isdigit() is False:
            add(Span(m.start(), m.end(), "POSTCODE"))

    return spans


_AT_HINT = re.compile(r" at |" + _OBF_OPEN + r" *(?:at|@) *" + _OBF_CLOSE + r"|@", IC)


_DET_LOCAL = re.compile(r"\b(?:our|the|your|their|its)[ \t]+$", IC)


def _spoken_emails(text: str, low: str) -> list[Span]:
    """``jane dot doe at example dot com``, ``jane[at]example[dot]org``, ``jane {at} x {dot} de``,
    ``jane @ x . com``, ``JANE AT X DOT CO DOT UK``, ``jane[.]doe[@]x[.]vn``, ``jane@x dot com``."""
    if not _AT_HINT.search(low):
        return []
    out: list[Span] = []
    cue = "mail" in low or "address" in low or "inbox" in low
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # same offsets as text
    for a in _AT_WORD.finditer(low):
        j = a.start()
        while j > 0 and text[j - 1] in _BEFORE_AT:  # back to where the separator starts: "jane [at]"
            j -= 1
        tail = _DOMAIN_TAIL.match(text, j)
        provider = _PROVIDER_TAIL.match(text, j) if tail is None and cue else None
        if tail is None and provider is None:
            continue  # no domain follows ("at the office"): known before the costly local-part search
        local = _LOCAL_END.search(text, max(0, j - 120), j)
        if local is None:
            continue
        if tail is None and _near(_EMAIL_CUE, text, local.start(), local.start(), 60, 0):
            tail = provider
        if tail is not None and _DET_LOCAL.search(text, max(0, local.start() - 8), local.start()):
            if text[j:].startswith(" at ") and "." in tail.group(0):
                continue  # "our docs at docs.example.org", "the team at example.io": a place, no address
        if tail is not None:
            out.append(Span(local.start(), tail.end(), "EMAIL"))
    return out


def detect_high_risk(text: str) -> list[Span]:
    """Only the types that must never leak (emails, phones, cards, SSNs, IBANs): the residual re-scan."""
    low = text.lower()
    out = [Span(m.start(), m.end(), "EMAIL") for m in _email_matches(text)] if "@" in text else []
    out += _spoken_emails(text, low)
    nd = digit_count(text)
    if nd >= PHONE_DIGITS:
        out += _phones(text)
    if _digit_words(low):
        out += _spoken_phones(text)
    for m in _CARD.finditer(text) if nd >= CARD_DIGITS else ():
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            out.append(Span(m.start(), m.end(), "CARD"))
    out += [Span(m.start(), m.end(), "SSN") for m in _SSN.finditer(text)] if nd >= SSN_DIGITS else []
    for m in _IBAN_F.finditer(text, low) if nd >= 2 else ():  # [A-Z]{2}\d{2}...
        end = _iban_end(text, m.start(), m.end())
        if end:
            out.append(Span(m.start(), end, "IBAN"))
    return out


_DATE_ONLY = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}")


def _phone_shape(g: str) -> bool:
    """Typical grouped shapes: (555) 123-4567, 555-123-4567, 020 7946 0958, 555.123.4567."""
    return bool(
        re.fullmatch(r"\(?\d{2,5}\)?[\s.\-]\d{3,4}[\s.\-]\d{3,4}", g.strip())
        or re.fullmatch(r"\d{3}[\-.]\d{4}", g.strip())
    )


def _looks_like_time_or_amount(text: str, s: int, e: int) -> bool:
    before = text[max(0, s - 1) : s]
    after = text[e : e + 1]
    return before in "$£€" and before != "" or after == "%"
