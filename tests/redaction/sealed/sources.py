# SEALED TEST DATA. No rule, list, pattern or threshold in spark_control/redaction may be tuned
# against this file or the corpus made from it; it exists to measure what the tuned rules miss.
"""Hand-written sources of the sealed corpus. Deliberately NOT the gazetteer in
spark_control/redaction/data (names-dataset) and NOT Faker (the tuning corpus's source): names
from languages and naming customs the tuning corpus does not use, company words that are in no
company list, and formats of other countries."""

from __future__ import annotations

# name groups: (first names, family names). Vietnamese names are built family-middle-given.
NAME_GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "turkish": (
        [
            "Ayşe",
            "Mehmet",
            "Emre",
            "Gülşen",
            "Kemal",
            "Zeynep",
            "Burak",
            "Elif",
            "Oğuz",
            "Selin",
            "Tuğba",
            "Cem",
            "Hakan",
            "Şule",
            "Yiğit",
            "Ebru",
            "Barış",
            "Nazlı",
            "Serkan",
            "Büşra",
        ],
        [
            "Yıldırım",
            "Öztürk",
            "Çelik",
            "Kaya",
            "Demir",
            "Şahin",
            "Aydın",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Koç",
            "Yılmaz",
            "Özdemir",
            "Karataş",
            "Güneş",
            "Erkoç",
            "Tekin",
            "Bozkurt",
        ],
    ),
    "mayan": (
        [
            "Ixchel",
            "Itzamná",
            "Kinich",
            "Nikté",
            "Balam",
            "Yaxkin",
            "Ixmucané",
            "Tzunun",
            "Sak Nikté",
            "Ix Chel",
            "Kaan",
            "Ichik",
            "Saasil",
            "Zazil",
            "Chaak",
            "Xquic",
        ],
        [
            "Canul",
            "Pech",
            "Cauich",
            "Dzib",
            "Poot",
            "Cocom",
            "Xiu",
            "Chablé",
            "Euán",
            "Tzec",
            "Huchim",
            "Kantún",
            "Chi",
            "May",
            "Ek",
            "Uc",
            "Tun",
            "Couoh",
        ],
    ),
    "yoruba": (
        [
            "Adebayo",
            "Oluwaseun",
            "Folasade",
            "Babatunde",
            "Temitope",
            "Olumide",
            "Adeola",
            "Ayodele",
            "Funmilayo",
            "Oluwatobi",
            "Damilola",
            "Yetunde",
            "Kehinde",
            "Taiwo",
            "Morenike",
            "Ifeoluwa",
        ],
        [
            "Adeyemi",
            "Ogunleye",
            "Olawale",
            "Akinola",
            "Oyelaran",
            "Bamidele",
            "Fashola",
            "Adewale",
            "Ogunbiyi",
            "Oladipo",
            "Akintola",
            "Oyebanji",
            "Adesanya",
            "Olatunji",
        ],
    ),
    "polish": (
        [
            "Małgorzata",
            "Krzysztof",
            "Wojciech",
            "Agnieszka",
            "Grzegorz",
            "Zuzanna",
            "Przemysław",
            "Katarzyna",
            "Jędrzej",
            "Bożena",
            "Szymon",
            "Jadwiga",
            "Mieczysław",
            "Urszula",
            "Wiesław",
            "Dorota",
        ],
        [
            "Wiśniewski",
            "Szczepańska",
            "Wójcik",
            "Kowalczyk",
            "Zieliński",
            "Grabowska",
            "Krawczyk",
            "Piotrowski",
            "Dąbrowska",
            "Brzęczyszczykiewicz",
            "Jabłoński",
            "Michalak",
            "Sobczak",
            "Pawlak",
            "Górecka",
            "Wróbel",
        ],
    ),
    "other": (
        [
            "Guðrún",
            "Iñaki",
            "Aroha",
            "Wiremu",
            "Zsófia",
            "Kwabena",
            "Akosua",
            "Aino",
            "Nino",
            "Ji-woo",
            "Haruto",
            "Thandiwe",
            "Oisín",
            "Ximena",
            "Anahí",
            "Tenzin",
            "Priyanka",
            "Eero",
            "Vuong",
            "Leilani",
            "Koa",
        ],
        [
            "Sigurðardóttir",
            "Etxeberria",
            "Ngata",
            "Tāne",
            "Kovács",
            "Mensah",
            "Boateng",
            "Virtanen",
            "Beridze",
            "Sakamoto",
            "Dlamini",
            "Huaman",
            "Quispe",
            "Mamani",
            "Namgyal",
            "Kahananui",
            "Lindqvist",
            "Hakkarainen",
        ],
    ),
    # first names that are ordinary English words, with surnames that are too
    "wordlike": (
        [
            "Hope",
            "Rose",
            "Bill",
            "Grant",
            "Joy",
            "Sunny",
            "Summer",
            "Faith",
            "Chase",
            "Amber",
            "Hunter",
            "Penny",
            "Frank",
            "Honey",
            "River",
            "Sky",
            "Dawn",
            "Misty",
        ],
        [
            "Stone",
            "Fields",
            "Bird",
            "Rivers",
            "Brook",
            "Hill",
            "Frost",
            "Wolfe",
            "Lake",
            "Marsh",
            "Swift",
            "Wells",
            "Banks",
            "Cross",
            "Dale",
            "Moss",
        ],
    ),
}
# full names with particles, apostrophes and prefixes: (first, family)
PARTICLE_NAMES = [
    ("Aurelia", "St. John"), ("Pieter", "van der Merwe"), ("Liesbeth", "van den Heuvel"),
    ("Declan", "O'Shaughnessy"), ("Caoimhe", "Ní Bhriain"), ("Marisol", "de los Santos"), ("Karim", "bin Hamzah"),
    ("Lucía", "del Río"), ("Giulia", "Di Stefano"), ("Fatima", "Al-Sayed"), ("Imogen", "St Clair"),
    ("Hendrik", "ter Horst"), ("Rosalind", "St. Aubyn"), ("Thibault", "de la Tour"), ("Joana", "dos Santos Pereira"),
    ("Ewan", "MacGillivray"), ("Niamh", "O'Riordan"), ("Siân", "ap Rhys"), ("Yusuf", "ibn Rashid"),
    ("Maarten", "de Vries"), ("Colm", "Ó Dálaigh"), ("Félicité", "D'Aubigné"), ("Tobias", "von Falkenrath"),
    ("Saoirse", "Mac Giolla Phádraig"), ("Renske", "van 't Hof"), ("Aurèle", "Le Goff"),
]  # fmt: skip
PARTICLES = {"st", "van", "der", "den", "de", "la", "los", "las", "del", "di", "da", "dos", "das", "bin", "binti",
             "ibn", "al", "von", "ter", "ten", "ap", "le", "mac", "ní", "ó", "o", "d", "t", "mc"}  # fmt: skip
VIET_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Dương"]
VIET_MIDDLE = ["Thị", "Văn", "Ngọc", "Thanh", "Quốc", "Bảo", "Thu", "Đức"]
VIET_GIVEN = ["Hoa", "Huy", "Trang", "Linh", "Tâm", "Thảo", "Khoa", "Nhung", "Phúc", "Duy", "Long", "Anh", "Quyên"]

# company names: <Word> <Word> <Suffix>, words in no company list; and coined single words
COMPANY_WORDS = [
    "Kestrel", "Harbor", "Copper", "Lantern", "Juniper", "Granite", "Saffron", "Tidewater", "Bramble", "Cobalt",
    "Ember", "Fennel", "Quarry", "Willow", "Basalt", "Marigold", "Orchard", "Thistle", "Heron", "Mossy", "Pebble",
    "Larch", "Gannet", "Cinder", "Tamarind", "Sorrel", "Flint", "Ochre", "Wren", "Cormorant", "Yarrow", "Nettle",
    "Drumlin", "Fjord", "Lichen", "Oriel", "Puffin", "Spindle", "Tansy", "Umber", "Vetch", "Woad",
]  # fmt: skip
COMPANY_SUFFIXES = ["Group", "Foods", "Capital", "Systems", "Media", "Robotics"]
COMPANY_GENERIC = {w.lower() for w in COMPANY_SUFFIXES} | {"and", "the", "of", "co"}
SYLLABLES_A = ["zen", "qua", "bri", "os", "vex", "tan", "kly", "nor", "plu", "dro", "fyx", "lu", "tre", "wo", "sna",
               "cru", "vel", "mir", "ja", "xan", "ob", "ul", "pra", "gri"]  # fmt: skip
SYLLABLES_B = ["tro", "li", "mo", "ra", "ve", "dex", "ni", "ta", "ko", "si", "ru", "pe"]
COINED_ENDINGS = ["va", "ly", "io", "ix", "ora", "iq", "um", "o", "ia", "ent"]

# addresses of other countries (street words in Polish, Turkish, Dutch, German, Spanish, Yoruba)
PL_STREETS = ["Kwiatowa", "Lipowa", "Słoneczna", "Ogrodowa", "Polna", "Brzozowa", "Mickiewicza", "Żeromskiego"]
PL_CITIES = [("00-950", "Warszawa"), ("30-001", "Kraków"), ("80-831", "Gdańsk"), ("50-075", "Wrocław")]
TR_STREETS = ["Atatürk Cad.", "Bağdat Cad.", "Cumhuriyet Sok.", "Gazi Mustafa Kemal Blv.", "Lale Sok."]
TR_CITIES = [("34710", "Kadıköy/Istanbul"), ("06420", "Çankaya/Ankara"), ("35210", "Konak/Izmir")]
NL_STREETS = ["Keizersgracht", "Lijnbaansgracht", "Oudegracht", "Vondelstraat", "Zeedijk", "Lange Voorhout"]
NL_CITIES = [("1016 DV", "Amsterdam"), ("3511 AL", "Utrecht"), ("2514 EE", "Den Haag")]
DE_STREETS = ["Lindenstraße", "Am Sonnenhang", "Kastanienallee", "Bergmannstraße", "Schillerplatz"]
DE_CITIES = [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg")]
MX_CITIES = [("97000", "Mérida, Yuc."), ("77500", "Cancún, Q. Roo"), ("24000", "Campeche, Camp.")]
NG_STREETS = ["Adeola Odeku Street", "Awolowo Road", "Bode Thomas Street", "Allen Avenue", "Herbert Macaulay Way"]
NG_CITIES = ["Victoria Island, Lagos", "Ikoyi, Lagos", "Surulere, Lagos", "Ikeja, Lagos", "Bodija, Ibadan"]
VN_STREETS = ["Nguyễn Huệ", "Lê Lợi", "Hai Bà Trưng", "Điện Biên Phủ", "Trần Hưng Đạo"]
VN_CITIES = ["Quận 1, TP. Hồ Chí Minh", "Quận Hoàn Kiếm, Hà Nội", "Quận Hải Châu, Đà Nẵng"]
US_STREETS = ["Old Mill Rd", "Sycamore Ln", "Prairie View Dr", "N Cascade Ave", "Quail Hollow Ct", "Elm Bluff Blvd"]
US_CITIES = [("Dayton", "OH", "45402"), ("Boise", "ID", "83702"), ("Tulsa", "OK", "74103"), ("Fresno", "CA", "93721")]
UK_STREETS = ["Birchwood Crescent", "Tanners Row", "Foxglove Mews", "Kiln Lane", "St Olave's Walk"]
UK_CITIES = [("Leeds", "LS6 2QT"), ("Bristol", "BS8 4HU"), ("Norwich", "NR2 1RA"), ("Cardiff", "CF10 3NP")]

FREE_MAIL = ["gmail.com", "outlook.com", "proton.me", "yandex.com.tr", "wp.pl", "o2.pl", "web.de", "gmx.net",
             "fastmail.fm", "icloud.com", "yahoo.com.vn", "hotmail.co.uk"]  # fmt: skip

# IBAN: country -> (letter prefixes of the BBAN, digits after them); the check digits are computed
IBAN_FORMATS = {
    "DE": ([""], 18),
    "PL": ([""], 24),
    "TR": ([""], 22),
    "FR": ([""], 23),
    "ES": ([""], 20),
    "IT": (["X", "K", "B"], 22),
    "NL": (["ABNA", "RABO", "INGB"], 10),
    "GB": (["NWBK", "BARC"], 14),
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
            "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth"]  # fmt: skip
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
