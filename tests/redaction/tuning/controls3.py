"""A third set of PII-free controls (issue #13: controls altered <= 3 %), in registers and with
vocabulary that ``controls.py`` and ``controls2.py`` lack: cooking, match reports with clubs and
stadiums, travel itineraries with airports and hotel chains, book and film reviews, abstracts full
of eponymous methods and datasets (BERT, the Adam optimizer, Dijkstra's algorithm), medical and
HR policy with eponymous conditions, finance news about public companies and indices, support
macros with placeholder syntaxes, IT inventory lists, lowercase project calls, chat with slang
and SHOUTING, poems and song lyrics, weather bulletins with named storms, legal boilerplate; and
the eight business styles the issue measures (chat, CRM notes, e-mail, letters, meeting notes,
tickets, transcripts cased and lowercase), written without a person in them.

Casing is mixed on purpose: Title Case headings, ALL CAPS lines, lowercase. No private person,
handle, e-mail, phone, URL or private company. Own word lists and templates (nothing from the
sealed corpus, Faker or the other control modules' templates).

``generate(rng, start_id)`` returns ``PER_REGISTER`` documents per register, each ``control=True``
with ``pii=[]`` and ``doc.kind`` = ``control3:<register>``."""

from __future__ import annotations

import random
import re

from corpus import Doc

PER_REGISTER = 10

W: dict[str, list[str]] = {
    # cooking
    "dish3": ["beef bourguignon", "coq au vin", "jambalaya", "pierogi", "spanakopita", "bibimbap", "dal makhani",
              "carbonara", "tom yum", "ratatouille", "lamb tagine", "katsu curry", "pavlova", "eton mess",
              "clafoutis", "panzanella", "chicken adobo", "goulash", "pho", "fish pie", "key lime pie"],
    "produce": ["leeks", "fennel", "courgettes", "aubergine", "butternut squash", "cavolo nero", "shiitake",
                "chickpeas", "red lentils", "pak choi", "celeriac", "tomatillos", "kale", "beetroot"],
    "pantry": ["gochujang", "harissa", "tamari", "fish sauce", "tahini", "za'atar", "sumac", "garam masala",
               "Kalamata olives", "Manchego", "Pecorino Romano", "Emmental", "Bramley apples", "Marsala wine",
               "Madras curry powder", "Kikkoman soy sauce", "Tabasco", "Dijon", "Cointreau", "Grand Marnier",
               "Granny Smith apples", "Yukon Gold potatoes", "Maris Piper potatoes", "Bisto gravy"],
    "cookware": ["cast-iron skillet", "Dutch oven", "wok", "sheet pan", "Instant Pot", "Thermomix", "Aga",
                 "Kenwood Chef", "Magimix", "Pyrex dish", "Staub cocotte", "Ninja air fryer"],
    # sport
    "club": ["Arsenal", "Juventus", "Ajax", "Celtic", "Benfica", "Feyenoord", "Galatasaray", "Boca Juniors",
             "Bayern", "Napoli", "Porto", "Brentford", "Villarreal", "Sevilla", "Leicester", "Wolves",
             "Everton", "Fulham", "Lazio", "Fiorentina", "Anderlecht", "Monaco"],
    "franchise": ["the Yankees", "the Lakers", "the Celtics", "the Packers", "the Maple Leafs", "the Warriors",
                  "the Cubs", "the Raiders", "the All Blacks", "the Wallabies", "the Springboks", "the Brumbies"],
    "stadium": ["Anfield", "Camp Nou", "Old Trafford", "San Siro", "Wrigley Field", "Fenway Park",
                "Twickenham", "Murrayfield", "the Bernabéu", "Stamford Bridge", "Celtic Park", "Ibrox",
                "Eden Park", "Croke Park", "the MCG", "Lord's", "Signal Iduna Park", "the Allianz Arena"],
    "competition": ["the Champions League", "the Europa League", "the Premiership", "the Six Nations",
                    "the World Series", "the Super Bowl", "the FA Cup", "the Copa Libertadores",
                    "the Ryder Cup", "Wimbledon", "the Tour de France", "the Stanley Cup", "La Liga", "Serie A"],
    "position": ["striker", "goalkeeper", "fly-half", "winger", "centre-back", "pitcher", "point guard",
                 "captain", "substitute", "debutant", "left-back", "scrum-half"],
    # travel
    "airport": ["Heathrow", "JFK", "Changi", "Schiphol", "Charles de Gaulle", "Frankfurt Airport",
                "Dubai International", "Haneda", "Narita", "Logan", "Dulles", "Gatwick", "Stansted",
                "Barajas", "Fiumicino", "Incheon", "Pearson", "El Prat", "Keflavík", "Ben Gurion"],
    "hotel": ["Marriott", "Hilton", "Hyatt", "Radisson", "Ibis", "Novotel", "Premier Inn", "Sheraton",
              "Westin", "Travelodge", "Holiday Inn Express", "Mercure", "Kimpton", "Best Western", "Motel One",
              "citizenM", "Fairmont", "Sofitel", "Moxy", "Hampton Inn"],
    "airline": ["Lufthansa", "KLM", "Ryanair", "easyJet", "Emirates", "Qantas", "Delta", "United",
                "Air France", "Iberia", "Finnair", "SAS", "Aer Lingus", "Vueling", "Wizz Air", "Jet2"],
    "dest": ["Lisbon", "Kraków", "Marrakech", "Reykjavík", "Tbilisi", "Ljubljana", "Valletta", "Dubrovnik",
             "Hoi An", "Chiang Mai", "Cusco", "Oaxaca", "Hobart", "Queenstown", "Tromsø", "Bergen",
             "Granada", "Palermo", "Bordeaux", "Ghent", "Tallinn", "Split", "Santorini", "Madeira"],
    "sight3": ["the old town", "the cathedral", "the harbour", "the night market", "the botanical gardens",
               "the fortress", "the riverside walk", "the central market", "the cable car", "the lighthouse"],
    # books and films
    "book": ["Middlemarch", "Moby-Dick", "Dune", "The Remains of the Day", "Pride and Prejudice",
             "Wuthering Heights", "Bleak House", "Brave New World", "The Road", "Beloved", "Frankenstein",
             "The Great Gatsby", "Things Fall Apart", "The Name of the Rose", "Never Let Me Go",
             "One Hundred Years of Solitude", "The Left Hand of Darkness", "A Gentleman in Moscow"],
    "film": ["Casablanca", "Parasite", "Spirited Away", "Chinatown", "Arrival", "Inception", "Jaws",
             "Vertigo", "Alien", "Amélie", "The Godfather", "Moonlight", "Roma", "Metropolis", "Heat",
             "Paddington 2", "Mad Max: Fury Road", "Everything Everywhere All at Once"],
    "genre": ["slow-burn thriller", "coming-of-age story", "space opera", "family saga", "heist film",
              "romantic comedy", "noir", "documentary", "historical epic", "horror", "satire", "western"],
    "studio": ["Pixar", "Studio Ghibli", "A24", "Netflix", "HBO", "Warner Bros.", "Penguin Classics",
               "Faber & Faber", "Vintage", "Picador", "Bloomsbury", "HarperCollins", "Criterion"],
    # science
    "model3": ["BERT", "RoBERTa", "GPT-2", "T5", "ResNet-50", "ViT", "LSTM", "XGBoost", "U-Net", "YOLOv8",
               "Word2Vec", "GloVe", "DistilBERT", "LLaMA", "CLIP", "Stable Diffusion", "AlphaFold", "ELMo"],
    "data3": ["ImageNet", "COCO", "GLUE", "SuperGLUE", "WikiText-103", "MIMIC-III", "CelebA", "Cityscapes",
              "KITTI", "SNLI", "MS MARCO", "Kinetics-400", "PubMed", "ArXiv", "the Pile", "LAION-5B"],
    "algo": ["the Adam optimizer", "Dijkstra's algorithm", "stochastic gradient descent", "the Viterbi algorithm",
             "PageRank", "Bellman-Ford", "Kruskal's algorithm", "a Kalman smoother", "Gibbs sampling",
             "the Levenshtein distance", "Markov chain Monte Carlo", "a Gaussian process", "Lanczos iteration",
             "the Hungarian algorithm", "Newton's method", "Fourier features", "Xavier initialisation",
             "Bayesian optimisation", "the Metropolis-Hastings sampler", "a Poisson regression"],
    "metric": ["F1", "BLEU", "ROUGE-L", "top-1 accuracy", "perplexity", "mAP", "AUROC", "word error rate",
               "Spearman correlation", "Cohen's kappa", "the Brier score", "Pearson's r"],
    "venue": ["NeurIPS", "ICML", "ACL", "CVPR", "EMNLP", "ICLR", "KDD", "SIGGRAPH", "Nature Methods", "The Lancet"],
    # medicine and HR
    "condition": ["Parkinson's disease", "Crohn's disease", "Alzheimer's disease", "Hodgkin lymphoma",
                  "Down syndrome", "Raynaud's phenomenon", "Graves' disease", "Tourette syndrome",
                  "Asperger's", "Lyme disease", "Bell's palsy", "Hashimoto's thyroiditis", "Ménière's disease",
                  "type 2 diabetes", "long COVID", "seasonal flu", "migraine", "asthma"],
    "hr_topic": ["parental leave", "sick pay", "flexible working", "bereavement leave", "jury service",
                 "the cycle-to-work scheme", "the Employee Assistance Programme", "occupational health",
                 "reasonable adjustments", "the menopause policy", "the whistleblowing policy",
                 "the grievance procedure", "compassionate leave", "sabbaticals", "the pension scheme"],
    "unit3": ["Occupational Health", "Payroll", "the HR Service Centre", "Employee Relations", "Wellbeing",
              "Benefits", "Talent Acquisition", "Learning and Development", "Reward", "Health and Safety"],
    # finance
    "listed": ["Unilever", "Siemens", "Nestlé", "Toyota", "Shell", "BP", "Vodafone", "Rio Tinto", "BHP",
               "Novartis", "Roche", "Airbus", "Boeing", "Pfizer", "AstraZeneca", "Tesco", "Volkswagen",
               "Heineken", "Danone", "Philips", "ASML", "SAP", "Ørsted", "Maersk", "Carlsberg", "Diageo",
               "Glencore", "BASF", "Allianz", "AXA", "Ferrari", "Hermès", "Prosus", "Infosys", "Tata Motors"],
    "index": ["the FTSE 100", "the S&P 500", "the Nasdaq Composite", "the Dow Jones Industrial Average",
              "the DAX", "the CAC 40", "the Nikkei 225", "the Hang Seng", "the Euro Stoxx 50", "the ASX 200",
              "the Sensex", "the TSX", "the IBEX 35", "the FTSE MIB", "the Russell 2000"],
    "regulator": ["the Fed", "the ECB", "the Bank of England", "the SEC", "the FCA", "the Bank of Japan",
                  "the IMF", "Ofgem", "the OECD", "Eurostat", "the ONS", "the BLS"],
    "sector": ["energy", "banking", "semiconductor", "luxury", "airline", "mining", "pharma", "utilities",
               "telecom", "consumer staples", "insurance", "shipping"],
    # support macros: placeholder syntaxes controls2 does not use
    "ph3": ["{{first_name}}", "{customer_name}", "[[Agent Name]]", "{{ contact.firstname }}", "<<Name>>",
            "{%name%}", "${user.name}", "{{ticket.assignee}}", "[FIRST_NAME]", "%%customer%%", "{{ sender }}",
            "{{order_number}}", "[Your Name]", "<customer>", "{AGENT}", "{{ company_name }}"],
    # IT inventory
    "hw": ["Dell PowerEdge R750", "HPE ProLiant DL380 Gen10", "Cisco Catalyst 9300", "Lenovo ThinkPad T14",
           "MacBook Pro 14", "Ubiquiti UniFi U6-Pro", "Synology DS920+", "Fortinet FortiGate 60F",
           "Meraki MX68", "Aruba 2930F", "Juniper EX4300", "Raspberry Pi 4", "Surface Pro 9", "Dell OptiPlex 7010",
           "HP LaserJet M404", "Brother HL-L2350", "APC Smart-UPS 1500", "NetApp FAS2750", "iPad Air"],
    "hostname": ["lon-fw-02", "nyc-sw-core1", "srv-hyperv-07", "ams-ap-14", "par-nas-01", "fra-esx-03",
                 "dub-prn-2f", "sgp-rtr-edge", "mel-dc-01", "tor-vpn-02", "ber-mdm-01", "lab-pi-04",
                 "win-rds-05", "lnx-bastion", "sfo-ups-b2", "mad-wlc-01"],
    "os3": ["Windows 11 23H2", "Windows Server 2022", "macOS Sonoma", "iOS 17.4", "Ubuntu 22.04 LTS",
            "RHEL 8.9", "FortiOS 7.2.5", "IOS-XE 17.9", "DSM 7.2", "ESXi 8.0U2", "Junos 22.4R3", "ChromeOS"],
    "location3": ["Floor 3 comms room", "Server Room B", "Reception", "Lab 2", "Warehouse mezzanine",
                  "Finance pod", "Board Room", "Loading Bay", "Hot desk area", "Cage 14"],
    "state3": ["in service", "spare", "RMA", "retired", "awaiting imaging", "on loan", "in repair", "disposed"],
    # project calls
    "code3": ["kingfisher", "bramble", "halyard", "larkspur", "monsoon", "quokka", "cobalt", "ember",
              "tangerine", "wolfram", "pinecone", "sundial", "heron", "lodestar", "marzipan", "gossamer",
              "tumbleweed", "whirlwind", "figtree", "sableline", "aquila", "orca", "vireo", "kelpie"],
    "work3": ["migration", "rewrite", "spike", "backfill", "launch", "pilot", "rollout", "refactor", "cutover",
              "beta", "audit", "integration", "prototype", "redesign"],
    "tech3": ["the search index", "the billing export", "the sso flow", "the mobile app", "the data lake",
              "the ios build", "the ingestion job", "the pricing page", "the warehouse sync", "the api gateway",
              "the onboarding wizard", "the notification queue", "the etl pipeline", "the partner portal"],
    # chat slang
    "slang3": ["bruh", "no cap", "deadass", "fam", "goated", "sus", "mid", "bussin", "yeet", "vibes", "W",
               "big L", "ratio", "lowkey", "rent free", "say less", "it's giving", "slay", "ong", "fax"],
    "emoji3": ["💯", "🤣", "😤", "🫠", "🙌", "🤦", "🥳", "😬", "🐐", "🧠", "💪", "🍿", "😎", "🤝", "😭", "🫡"],
    "shout": ["LETS GOOOO", "WE ARE SO BACK", "NOT AGAIN", "FINALLY", "THIS IS FINE", "IT WORKS", "HELP",
              "SHIP IT", "NO WAY", "ABSOLUTELY NOT", "BIG NEWS", "PROD IS DOWN", "GREEN BUILD"],
    # poems and lyrics
    "nature": ["willow", "river", "heron", "meadow", "ember", "harbour", "sparrow", "thistle", "winter", "tide",
               "lantern", "orchard", "bramble", "moor", "lark", "frost", "hollow", "clover", "ash", "sorrow"],
    "colour3": ["silver", "amber", "scarlet", "ivory", "indigo", "golden", "crimson", "pale", "violet", "grey"],
    # weather
    "storm": ["Storm Ciarán", "Storm Babet", "Storm Agnes", "Hurricane Milton", "Typhoon Haikui",
              "Cyclone Gabrielle", "Storm Isha", "Hurricane Beryl", "Storm Henk", "Storm Éowyn", "Storm Darragh",
              "Hurricane Otis", "Typhoon Gaemi", "Storm Kathleen"],
    "region3": ["the Highlands", "the Midlands", "East Anglia", "the West Country", "the Pennines",
                "Northern Ireland", "the Lake District", "Snowdonia", "the Home Counties", "the Outer Hebrides",
                "the Gulf Coast", "New England", "the Pacific Northwest", "the Great Lakes", "Queensland",
                "Brittany", "the Basque Country", "Tuscany", "Bavaria", "Andalusia"],
    "sky": ["sunny spells", "scattered showers", "persistent rain", "heavy snow", "thunderstorms", "dense fog",
            "gales", "drizzle", "clear skies", "sleet", "hail", "a hard frost"],
    # legal boilerplate
    "party": ["the Licensor", "the Licensee", "the Supplier", "the Customer", "the Service Provider",
              "the Discloser", "the Recipient", "the Landlord", "the Tenant", "the Contractor", "the Buyer"],
    "clause": ["Limitation of Liability", "Confidentiality", "Force Majeure", "Governing Law", "Termination",
               "Indemnity", "Intellectual Property", "Assignment", "Severability", "Entire Agreement",
               "Data Protection", "Warranties", "Notices", "Dispute Resolution", "Anti-Bribery"],
    "law": ["the laws of England and Wales", "the laws of the State of New York", "the laws of Ireland",
            "the laws of the Netherlands", "Swiss law", "the laws of Ontario", "the laws of Singapore",
            "the laws of the State of Delaware", "the laws of Scotland", "German law"],
    # business styles, without people
    "plan3": ["Starter", "Growth", "Scale", "Enterprise", "Team", "Business Plus", "Premium", "Essentials",
              "Pro Annual", "Nonprofit", "Education", "Unlimited"],
    "product3": ["the mobile app", "the desktop client", "the browser extension", "the reporting module",
                 "the API", "the booking widget", "the kiosk software", "the payment terminal", "the smart lock",
                 "the label printer", "the wall charger", "the thermostat", "the router", "the e-bike battery"],
    "symptom": ["crashes on launch", "freezes when syncing", "shows a blank screen", "logs me out every hour",
                "double-charges on renewal", "will not pair over Bluetooth", "drops the Wi-Fi connection",
                "exports empty files", "shows the wrong time zone", "rejects valid coupon codes",
                "sends duplicate notifications", "loses the draft after saving"],
    "team3": ["Customer Care", "the Returns Desk", "Accounts Receivable", "Technical Support", "Field Service",
              "Onboarding", "the Billing Team", "Trust and Safety", "the Help Desk", "Member Services",
              "Partner Success", "Order Fulfilment", "Quality Control", "the Service Desk"],
    "venue3": ["the Atrium", "Meeting Room Kestrel", "the Boardroom", "the Town Hall space", "Level 5 kitchen",
               "the Innovation Lab", "Room 2.14", "the Garden Room", "the auditorium", "the Loft"],
    "topic3": ["Q3 roadmap", "hiring freeze", "office move", "price increase", "SOC 2 audit", "new CRM",
               "holiday rota", "budget reforecast", "vendor consolidation", "accessibility review",
               "carbon reporting", "pricing experiment", "support backlog", "warehouse automation"],
    "wday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "mon": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "caller_role": ["Caller", "Customer", "Agent", "Advisor", "Rep", "Member", "Operator", "Host", "Guest",
                    "Interviewer", "Panelist"],
}  # fmt: skip


def _n(rng: random.Random, kind: str) -> str:
    r = rng.randint
    table = {
        "qty": lambda: str(r(2, 12)),
        "min": lambda: str(r(5, 90)),
        "temp": lambda: str(r(-4, 34)),
        "pct": lambda: f"{r(1, 9)}.{r(0, 9)}",
        "score": lambda: f"{r(0, 4)}-{r(0, 3)}",
        "rugby": lambda: f"{r(6, 40)}-{r(3, 35)}",
        "att": lambda: f"{r(8, 90)},{r(100, 999)}",
        "ver": lambda: f"{r(1, 12)}.{r(0, 20)}.{r(0, 9)}",
        "sku": lambda: (
            f"{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}-{r(1000, 9999)}"
        ),
        "asset": lambda: f"AST-{r(10000, 99999)}",
        "serial": lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10)),
        "flight": lambda: f"{rng.choice(['LH', 'KL', 'BA', 'IB', 'AF', 'EK', 'QF', 'AY'])}{r(100, 2999)}",
        "gate": lambda: f"{rng.choice('ABCDE')}{r(1, 60)}",
        "time": lambda: f"{r(6, 22):02d}:{rng.choice(['00', '15', '30', '45'])}",
        "price": lambda: f"{r(2, 950)}.{r(0, 99):02d}",
        "pts": lambda: f"{r(10, 900)}",
        "year": lambda: str(r(2018, 2026)),
        "day": lambda: str(r(1, 28)),
        "ticket": lambda: f"{r(10000, 999999)}",
        "n": lambda: str(r(100, 20000)),
        "mph": lambda: str(r(20, 95)),
        "mm": lambda: str(r(5, 120)),
        "clause": lambda: f"{r(2, 19)}.{r(1, 9)}",
        "stars": lambda: "★" * r(2, 5) + "☆" * 0,
        "room": lambda: str(r(101, 960)),
        "nights": lambda: str(r(2, 9)),
        "usd": lambda: f"{r(12, 480)}.{r(0, 99):02d}",
        "bn": lambda: f"{r(1, 90)}.{r(1, 9)}bn",
    }
    return table.get(kind, table["n"])()


TEMPLATES: dict[str, list[str]] = {
    "cooking": [
        "{Dish3} for a crowd\nServes {n:qty}. Hands-on time {n:min} minutes.\n\nYou will need: {produce}, "
        "{produce2}, {pantry} and a good splash of {pantry2}.\n1. Sweat the {produce} in your {cookware}.\n"
        "2. Stir in the {pantry} and cook until fragrant.\n3. Finish with {pantry2} and serve.",
        "RECIPE CARD: {DISH3}\nOven 190C / Gas 5. Roast the {produce} for {n:min} min, toss with {pantry}. "
        "Swap: {pantry2} works if you can't find {pantry3}.",
        "tried the {dish3} from the weekend supplement, used {pantry} instead of {pantry2} and it was 🔥. "
        "next time more {produce}, less salt",
        "Comments (3)\nMade this in the {cookware} - came out great! Added {pantry}.\nCan I freeze the "
        "{dish3}? Yes, up to three months.\nSubbed {produce} for {produce2}, kids loved it.",
        "Batch cooking plan for the week: {Wday} - {dish3}; {Wday2} - {dish3_2} with {produce}; leftovers on "
        "Friday. Shopping list: {produce2}, {pantry}, {pantry2}, {pantry3}.",
    ],
    "match_report": [
        "{Club} {n:score} {Club2}\n{Stadium}, attendance {n:att}\n\n{Club} dominated possession but needed a "
        "second-half penalty to break the deadlock. The {position} was booked for dissent and {Club2} "
        "finished with ten men. The result lifts {Club} into the {competition} places.",
        "Full time at {stadium}: {club} {n:score} {club2}. Another clean sheet for the {position}, and a "
        "debut goal off the bench. Next up: {competition} on {wday}.",
        "RUGBY: {franchise} beat {franchise2} {n:rugby} at {stadium}. The {position} kicked five from five "
        "and the pack held firm in the final quarter.",
        "{Competition} preview\n{Club} travel to {Club2} knowing a draw is enough. The hosts have won their "
        "last four at home; the visitors rotate with one eye on the weekend.",
        "Transfer round-up: {Club} agree a fee with {Club2} for their {position}; {Club3} extend the "
        "manager's contract to {n:year}. Medical expected on {wday}.",
    ],
    "itinerary": [
        "TRIP ITINERARY - {DEST}\nFlight {n:flight} departs {airport} {n:time}, gate {n:gate}\nArrive "
        "{dest} local time, transfer to the {hotel} (confirmation {n:ticket}, {n:nights} nights)\nDay 2: "
        "{sight3}, then {sight3_2}\nDay 3: free morning, evening flight home with {airline}.",
        "Travel booking confirmed\nOutbound: {airline} {n:flight}, {airport} to {dest}, seat 14C\nHotel: "
        "{hotel} {dest} City Centre, {n:nights} nights, breakfast included\nReturn via {airport2}.",
        "ok itinerary for the offsite: land at {airport} {wday} morning, shuttle to the {hotel}, dinner near "
        "{sight3}. {airline} lost a bag last time so carry-on only pls ✈️",
        "Day-by-day: {Dest} and {Dest2}\nMon: arrive, check in at {hotel}. Walk {sight3}.\nTue: train to "
        "{dest2}; {sight3_2} at sunset.\nWed: back to {dest} for the {airline} flight from {airport}.",
        "Layover tips for {airport}: lounges near gate {n:gate}, a {n:min}-minute walk between terminals, and "
        "the {hotel} airside if the connection is overnight.",
    ],
    "review3": [
        "{n:stars} {Book}\nI came to it late, and it is as good as everyone says: a {genre} that earns every "
        "page. The {Studio} edition has a useful introduction. Book club verdict: read it.",
        "Film review: {Film}\nA {genre} that refuses easy answers. The score does half the work, the final "
        "act the rest. Streaming on {studio} from {wday}.",
        "Rewatched {film} last night. still holds up. better than {film2} tbh, and {film3} is overrated",
        "READING LIST FOR {MON}\n- {Book}\n- {Book2}\n- {Book3} (the {Studio} reissue)\nDiscussion in "
        "{venue3} on the last {Wday} of the month.",
        "Double bill this weekend: {Film} followed by {Film2}. Both restored by {Studio}; tickets at the box office.",
    ],
    "abstract3": [
        "Abstract\nWe fine-tune {model3} on {data3} and report {metric} against {model3_2} baselines. "
        "Training uses {algo} with a cosine schedule; {algo2} tunes the learning rate. Results at {venue} "
        "show a {n:pct} point gain.",
        "Methods. Shortest paths were computed with {algo}; the ranking step applies {algo2} to the "
        "resulting graph. We evaluate on {data3} and {data3_2} with {metric}.",
        "We present a benchmark built from {data3}. Models ({model3}, {model3_2}, {model3_3}) are compared "
        "with {metric} and {metric2}; {algo} serves as the non-neural baseline. Code and data are released.",
        "KEYWORDS: {model3}; {data3}; {algo}; {metric}\nINTRODUCTION\nSince {model3} appeared, pretrained "
        "encoders have dominated {data3}-style tasks.",
        "Reviewer 2: the comparison with {model3} on {data3} is convincing, but why {algo} rather than "
        "{algo2}? Please report {metric} with confidence intervals. Recommendation: accept at {venue}.",
    ],
    "medical_hr": [
        "Sickness Absence Policy\n3.1 Employees with a long-term condition such as {condition} or "
        "{condition2} may request reasonable adjustments.\n3.2 Referrals to {unit3} are confidential.\n"
        "3.3 See also {hr_topic} and {hr_topic2}.",
        "PATIENT INFORMATION LEAFLET\nLiving with {condition}\nWhat is it? A long-term condition that "
        "affects people differently. Treatment options are discussed with your care team.",
        "Clinic update: the {condition} support group meets on {wday}s at {n:time} in {venue3}. "
        "Referrals via {unit3}. The {condition2} clinic has moved to the ground floor.",
        "HR FAQ\nQ: How do I apply for {hr_topic}?\nA: Submit the form in the portal; {unit3} replies within "
        "{n:qty} working days.\nQ: Does {hr_topic2} affect my bonus?\nA: No.",
        "Wellbeing Week {n:year}: talks on {condition}, menopause at work and {hr_topic}. Organised by "
        "{unit3} with {unit3_2}.",
    ],
    "finance": [
        "Markets close: {index} fell {n:pct}% as {sector} shares slid; {listed} dropped after guidance, while "
        "{listed2} rallied on a buyback. {regulator} holds rates on {wday}.",
        "{Listed} Q{q} results: revenue {n:bn}, up {n:pct}% year on year. The {sector} group kept its dividend "
        "and said demand in Europe remains soft. Shares +{n:pct}% in early trading on {index}.",
        "MORNING BRIEFING\n{INDEX} futures flat. {Listed} and {Listed2} report today. {Regulator} minutes "
        "at {n:time}. Oil steady; sterling weaker.",
        "Analyst note: we upgrade {listed} to Buy; the {sector} cycle has turned. Peers {listed2} and "
        "{listed3} remain Hold. Price target implies {n:pct}% upside versus {index}.",
        "Portfolio commentary ({mon} {n:year}): overweight {sector}, underweight {sector2}. Top contributors "
        "{listed} and {listed2}; the detractor was {listed3}. Benchmark: {index}.",
    ],
    "macro3": [
        "Hi {ph3},\n\nSorry to hear that {product3} {symptom}. Please try reinstalling and let us know if it "
        "happens again.\n\nBest,\n{ph3_2}\n{Team3}",
        "MACRO: Shipping delay\nHello {ph3}, your order {ph3_2} is delayed by {n:qty} days due to high demand. "
        "We will email tracking once it ships. - {Team3}",
        "Dear {ph3},\nThank you for your patience. Your case has been escalated to {team3}.\nKind regards,\n{ph3_2}",
        "Snippet [refund-partial]: Hi {ph3}! We've issued a partial refund of {n:usd} to your original payment "
        "method. Cheers, {ph3_2}",
        "hi {ph3}, thanks for reaching out! looping in {team3} on this one 🙂 - {ph3_2}",
    ],
    "inventory": [
        "ASSET REGISTER ({MON} {n:year})\n{n:asset} | {hw} | {hostname} | {location3} | {state3}\n{n:asset} | "
        "{hw2} | {hostname2} | {location3_2} | {state3_2}\n{n:asset} | {hw3} | {hostname3} | {location3_3} | "
        "{state3_3}",
        "Hostname: {hostname}\nModel: {hw}\nSerial: {n:serial}\nOS: {os3}\nLocation: {location3}\nStatus: {state3}",
        "sku,description,qty,bin\n{n:sku},{hw},{n:qty},{n:gate}\n{n:sku},{hw2},{n:qty},{n:gate}\n{n:sku},"
        "{hw3},{n:qty},{n:gate}",
        "Patch report: {hostname} ({os3}) compliant; {hostname2} ({os3_2}) pending reboot; {hostname3} "
        "({hw}) out of support - replace before {mon}.",
        "- [ ] reimage {hostname} with {os3}\n- [x] swap PSU on {hostname2} ({hw})\n- [ ] return {hw2} "
        "({n:serial}) under RMA",
    ],
    "project_call_lower": [
        "ok so quick update on {code3}, the {work3} is basically done, {tech3} is the last bit. {code3_2} is "
        "blocked on legal, we'll revisit after the {wday_lower} sync",
        "speaker 1: where are we with project {code3}\nspeaker 2: the {work3} slipped a week, {tech3} needs "
        "another pass\nspeaker 1: fine, and {code3_2}?\nspeaker 2: on track for the {mon_lower} demo",
        "um so {code3} and {code3_2} both touch {tech3}, so i'd rather we do the {work3} once. then {code3_3} "
        "can start in the new quarter",
        "[00:0{n:qty}] so {code3} phase two is the {work3} of {tech3}\n[00:1{n:qty}] right and does {code3_2} "
        "depend on that\n[00:2{n:qty}] only the {work3_2}, not the rest",
        "action items: {code3} - finish {tech3}; {code3_2} - kick off {work3}; everyone - update the tracker "
        "before {wday_lower}",
    ],
    "slang_chat": [
        "{SHOUT} {emoji3}{emoji3_2} {slang3}",
        "{slang3} the {code3} demo was {slang3_2} {emoji3}",
        "who scheduled a meeting at 8am on a {wday_lower} {emoji3} {slang3}",
        "{SHOUT}!!! {tech3} is fixed {emoji3}",
        "ngl the new coffee machine is {slang3_2} {emoji3}",
        "me: i'll just fix one small bug\nalso me 6 hours later: {emoji3}",
        "{slang3}, the offsite hotel has a pool {emoji3}{emoji3_2}",
        "can't believe {club} lost AGAIN {emoji3} {slang3}",
        "THE PIZZA IS HERE {emoji3} kitchen on {venue3_lower}",
        "friday deploy? {SHOUT} {emoji3}",
    ],
    "poem": [
        "{Colour3} {nature} by the {nature2},\n{Nature3} waits for the {colour3_2} tide;\nWinter keeps its "
        "quiet counsel,\nAnd the {nature4} folds inside.",
        "SONG FOR THE {NATURE}\n(verse)\nDown where the {nature2} bends, I left my {nature3} heart\n(chorus)\n"
        "Oh {nature4}, oh {nature4}, we were {colour3} from the start",
        "the {nature} remembers\nwhat the {nature2} forgot -\n{colour3} light on {nature3}\nand the {nature4} "
        "we sought",
        "Haiku\n{Colour3} {nature} -\nthe {nature2} holds its breath\nuntil the {nature3}",
        "Verse 2:\nRunning down to {dest}, with the {colour3} morning on my back\nSinging to the {nature}, "
        "and the {nature2} singing back",
    ],
    "weather": [
        "WEATHER WARNING: {Storm} brings gusts of {n:mph} mph to {region3} overnight. Yellow warning for "
        "rain across {region3_2} from {n:time}. Travel disruption likely.",
        "Forecast for {wday}: {sky} in {region3}, {sky2} further south. Highs {n:temp}C, lows {n:temp}C. "
        "Outlook: {sky3} by the weekend.",
        "After {storm}, clean-up continues in {region3}; {n:mm} mm of rain fell in 24 hours. A second system "
        "arrives {wday}.",
        "five day outlook\nmon: {sky}\ntue: {sky2}\nwed: {sky3}, breezy\nthu: {sky4}\nfri: {sky}\ntemps "
        "{n:temp} to {n:temp}c",
        "Met Office update: {storm} has weakened to a depression over {region3}. Flood alerts remain for "
        "{region3_2}. Pollen: high.",
    ],
    "legal": [
        "{N_CLAUSE}. {CLAUSE}\n{n:clause} Neither party shall be liable for any indirect or consequential "
        "loss. {n:clause} Nothing in this Agreement limits liability for death or personal injury caused by "
        "negligence.",
        "This Agreement shall be governed by and construed in accordance with {law}. The courts of that "
        "jurisdiction shall have exclusive jurisdiction. {Party} may not assign this Agreement without the "
        "prior written consent of {party2}.",
        "WHEREAS {party} wishes to license the Software to {party2}; NOW, THEREFORE, in consideration of the "
        "mutual covenants herein, the parties agree as follows.",
        "IN WITNESS WHEREOF the parties have executed this Agreement as of the Effective Date.\nSigned for "
        "and on behalf of {party}: ____________\nSigned for and on behalf of {party2}: ____________",
        'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND. Clause {n:clause} ({Clause}) and '
        "clause {n:clause} ({Clause2}) survive termination.",
    ],
    # the eight styles the issue measures, without a person
    "chat": [
        "[{n:time}] is the {venue3_lower} free after lunch? need it for the {topic3} prep",
        "heads up: {product3} {symptom} on the new build, rolling back",
        "{topic3} doc is in the shared drive, comments by {wday} pls",
        "who's on the {team3} rota this weekend? I can swap {wday}",
        "Quick one - are we still on the {plan3} plan or did finance move us?",
        "fire drill at {n:time}, meet at the assembly point by the car park",
    ],
    "crm": [
        "Account note ({n:day} {mon}): prospect attended the webinar, asked about the {plan3} tier and SSO. "
        "Sent pricing deck. Follow-up booked for {wday}.",
        "Renewal: customer on {plan3} since {n:year}, {n:qty} sites. Concern: {product3} {symptom}. "
        "Offered a service credit; escalated to {team3}.",
        "Lead scored {n:pts}. Source: trade fair in {dest}. Interest: {product3}, {topic3}. Next step: discovery call.",
        "Churn risk: usage down after the {topic3}. Exec sponsor changed. Plan: health check, roadmap "
        "preview, {plan3} discount if needed.",
    ],
    "email": [
        "Subject: {Topic3} - what it means for you\n\nHello all,\n\nFrom {wday} the {topic3} takes effect. "
        "Questions go to {team3}; the FAQ is on the intranet.\n\nThanks,\n{Team3}",
        "Subject: Reminder: {venue3} closed for maintenance\n\nHi everyone, {venue3} is closed {wday} to "
        "{wday2}. Please book {venue3_2} instead.\n\n— Facilities",
        "Subject: RE: invoice query\n\nThanks for flagging. The {plan3} charge was prorated; a credit note "
        "follows. Regards, {Team3}",
        "Subject: Out of office\n\nI am away until {wday} with limited access to email. For urgent matters "
        "contact {team3}.",
    ],
    "letter": [
        "Dear Valued Customer,\n\nWe are writing to let you know about a change to the {plan3} plan. From "
        "{n:day} {mon} {n:year} the monthly price will change. No action is needed.\n\nYours faithfully,\n"
        "{Team3}",
        "Dear Resident,\n\nWork on the footpath outside {venue3} begins on {wday}. We apologise for any "
        "disruption.\n\nYours sincerely,\nThe Estates Office",
        "To whom it may concern,\n\nThis letter confirms that the account has been closed and the final "
        "balance settled. Reference {n:ticket}.\n\nCustomer Relations",
        "Dear Sir or Madam,\n\nThank you for your application. We regret that on this occasion it has not "
        "been successful. We wish you every success.\n\nTalent Acquisition",
    ],
    "meeting": [
        "Weekly Ops Review - {Wday}\nAttendees: {Team3}, {Team3_2}, Product\nAgenda\n1. {Topic3}\n2. "
        "{Topic3_2}\n3. AOB\nDecisions: defer the {topic3_2} to next quarter.",
        "MINUTES\nItem 1: {topic3} - approved.\nItem 2: {product3} {symptom}; fix in the next release.\n"
        "Item 3: {venue3} booked for the all-hands.\nNext meeting: {wday}, {n:time}.",
        "Retro notes\nWent well: shipped the {topic3} on time\nWent badly: {product3} {symptom}\nTry: pair "
        "on releases, freeze on {wday}s",
        "Notes from the {topic3} workshop ({venue3}): three options tabled, {Team3} to cost them by {wday}.",
    ],
    "ticket": [
        "Ticket {n:ticket} - {Product3_title} {symptom}\nPriority: P{q}\nSteps to reproduce:\n1. Open the "
        "app\n2. Go to Settings > Account\n3. Tap Sync\nExpected: sync completes. Actual: it {symptom}.",
        "Title: {product3} {symptom} after update\nEnvironment: {os3}, {hw}\nAssigned group: {Team3}\nStatus: "
        "In Progress",
        "BUG: {PRODUCT3} {SYMPTOM}\nSeverity: high. Workaround: restart the device. Linked to {n:ticket}.",
        "Customer reports that {product3} {symptom}. Reproduced on {os3}. Routing to {team3}. Internal note: "
        "likely the {topic3} config.",
    ],
    "transcript_cased": [
        "{Caller_role}: Hi, I'm calling because {product3} {symptom}.\n{Caller_role2}: Sorry about that. Have "
        "you tried restarting it?\n{Caller_role}: Twice. Still the same.\n{Caller_role2}: Okay, I'll raise "
        "it with {team3}.",
        "Speaker 1: Shall we start with the {topic3}?\nSpeaker 2: Yes. The numbers are in the deck.\n"
        "Speaker 1: Great, and the {topic3_2} after that.",
        "{Caller_role}: Thank you for calling {team3}, how can I help?\n{Caller_role2}: I'd like to move to "
        "the {plan3} plan.\n{Caller_role}: Of course, that takes effect from {wday}.",
    ],
    "transcript_lower": [
        "agent: thanks for calling, how can i help\ncaller: hi yeah {product3} {symptom}\nagent: ok let me "
        "check that for you\ncaller: thanks",
        "speaker 1: right so the {topic3}, where are we\nspeaker 2: waiting on {team3_lower}\nspeaker 1: "
        "ok chase them {wday_lower}",
        "interviewer: tell me about the {topic3}\nrespondent: honestly it was rushed, {product3} {symptom} "
        "the whole first week\ninterviewer: and now\nrespondent: much better",
    ],
}


def _slots(rng: random.Random) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in W.items():
        picks = rng.sample(words, k=min(4, len(words)))
        for i, w in enumerate(picks):
            suffix = "" if i == 0 else f"{i + 1}" if key[-1].isalpha() else f"_{i + 1}"
            cap = key[:1].upper() + key[1:]
            out[key + suffix] = w
            out[cap + suffix] = w[:1].upper() + w[1:]
            out[key.upper() + suffix] = w.upper()
            out[key + suffix + "_lower"] = w.lower()
            out[key + suffix + "_title"] = w[:1].upper() + w[1:]
    out["Product3_title"] = out["product3"][:1].upper() + out["product3"][1:]
    out["q"] = str(rng.randint(1, 4))
    n = rng.randint(2, 19)
    out["N_CLAUSE"] = str(n)
    return out


def _render(rng: random.Random, template: str) -> str:
    text = re.sub(r"\{n:([a-z]+)\}", lambda m: _n(rng, m.group(1)), template)
    return text.format(**_slots(rng))


def generate(rng: random.Random, start_id: int, per_register: int = PER_REGISTER) -> list[Doc]:
    docs: list[Doc] = []
    for register, templates in TEMPLATES.items():
        for k in range(per_register):
            text = _render(rng, templates[k % len(templates)])
            d = Doc(start_id + len(docs), f"control3_{register}", "en", text, [], control=True)
            d.kind = f"control3:{register}"
            docs.append(d)
    return docs
