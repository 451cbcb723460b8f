"""Words that say a text is about children (anyone under 16): the vocabulary floor of the legal filter.

Handles case, plurals, hyphenation and spacing ("cub-scouts", "boy scouts"), ages written in digits or words ("a
6-year-old", "3 yr old", "a 2 y/o", "an 18-month-old", "campers aged eight"), school years, schools and school
events ("first-graders", "grade 2 students", "year 6 leavers", "middle schoolers", "an elementary art class", "a
school field day"), youth sport ("under-10s", "a U14 lacrosse game", "junior lifeguards", "young gymnasts",
"mini-hockey"), youth groups ("a scout troop", "a daisy troop", "brownies selling cookies" — not "brownies on a
plate"), step- and god- family ("my stepdaughter", "a godson"), younger siblings ("my little brother"), slang ("a
tyke", "a young'un", "a little rascal"), playground games and play places ("playing tag", "playing in a treehouse"),
what a baby rides in or wears ("a stroller", "a christening gown", "a nappy change", "training wheels", unless an
animal is named), milk teeth, the first day of school, scouting's gatherings and leaders ("a scout jamboree", "a
scout leader"), "a 4-H member", "a pony club", "a family of four", the school yard, the school run, reception and
nursery classes, an age being reached ("triplets turning one"), a birthday cake's candles, children's party games
("pass the parcel"), a long child word misspelt by one letter ("todler") or a shorter one by two letters swapped
("chlid"), short forms ("yr 6", "jr", "skool", "18mo"), age bands ("a 10 and under relay"), a person captioned with
an age as newspapers do ("Freddie (4)", "Grace, 11, who"), a wedding's children by role ("a ring bearer", "a junior
bridesmaid"), a quinceañera and a bar mitzvah, a youth section whose other sense a search excludes ("brownies
-chocolate"), and leaves out what only looks similar: compounds ("girlfriend",
"boyish"), "a young man", young animals ("a baby giraffe", "a goat kid", "a juvenile eagle", "a baby sloth", "a mother duck with her babies",
"a baby harp seal", "a gorilla baby", "a youngster of a gorilla troop"), adults ("an adult son", "his
thirty-year-old son", "adult siblings", "college girls", "girls in their twenties", "the girls from the office", "a
baby-faced actor", "a retired mother and her daughter", "the girls at a hen party", "a son in his forties", "a
twenty-two-year-old", "a son home from the army", "a dad and his son sharing a pint", "a grown stepson", "son
-boy -child retirement party", "an old boys' reunion", "land girls", "Teddy boys"), aged drinks ("a 12 year old single malt"), things, spaced or hyphenated ("baby carrots", "baby-blue tiles", "kid leather", "a youth hostel", "a
kids' furniture store", "a kids' bike", "a baby monitor", "a child-proof lock", "a boy scout knife", "a Kinder egg",
"baby food", "a child's drawing", "a minor chord", "a kid-sized table", "baby's breath", "a kids' pool float for
sale", "a 'slow children playing' sign"), institutions and names ("a juvenile court", "Kid Rock"), empty places for
children ("an empty children's playground"), adults at children's games ("adults playing tag"), bands ("the Beach
Boys", "a boy band"), "a girls' night out", "minor league".
"""

from __future__ import annotations

import functools
import re

from tasks.legal.capitals import capitals_as_capitalised
from tasks.legal.file_names import file_name_as_words
from tasks.legal.forum_shorthand import forum_shorthand_as_words
from tasks.legal.other_languages import other_language_child_terms, young_animal_pattern
from tasks.legal.screenplay import scene_headings_as_words
from tasks.legal.search_syntax import TITLE_MEDIA, as_asked, excluded_terms
from tasks.legal.social_text import SocialText

CHILD_WORDS = (
    "child", "children", "childs", "kid", "kids", "kiddo", "kiddos", "kiddie", "kiddies", "boy", "boys", "girl",
    "girls", "baby", "babies", "babys", "toddler", "toddlers", "infant", "infants", "newborn", "newborns", "preemie",
    "preemies", "youngster", "youngsters", "preteen", "preteens", "pre-teen", "pre-teens", "tween", "tweens", "teen",
    "teens", "teenage", "teenager", "teenagers", "adolescent", "adolescents", "schoolchild", "schoolchildren",
    "schoolboy", "schoolboys", "schoolgirl", "schoolgirls", "schoolkid", "schoolkids", "pupil", "pupils", "son", "sons",
    "daughter", "daughters", "grandson", "grandsons", "granddaughter", "granddaughters", "grandchild",
    "grandchildren", "grandkid", "grandkids", "nephew", "nephews", "niece", "nieces", "youth", "youths",
    "juvenile", "juveniles", "minor", "minors", "tot", "tots", "little one", "little ones", "lass", "lasses",
    "lassie", "laddie", "young lad", "young lads", "wee lad", "wee lads", "young carer", "young carers", "wee one",
    "wee ones", "tiny one", "tiny ones", "bairn",
    "bairns", "munchkin", "bubba", "bubbas", "little dude", "little dudes", "mini me", "mini mes", "mini-me",
    "mini-mes", "little lad", "little lads", "small person", "small people", "young ones", "young family",
    "young families", "choirboy", "choirboys", "choirgirl", "choirgirls",
    # the 1938-39 rescue of Jewish children from Nazi Germany
    "kindertransport",
    # a child without parents ("the orphans line up for gruel"; not an orphaned lamb, an orphan drug, below)
    "orphan", "orphans",
    "munchkins", "tyke", "tykes", "young'un", "young'uns", "youngun", "younguns", "small fry", "pint-sized",
    "little fella", "little fellas", "little fellow", "little fellows", "little squirt", "little squirts",
    "rugrat", "rugrats", "ankle biter", "ankle biters", "nipper", "nippers", "sprog", "sprogs",
    "lil one", "lil ones", "lil guy", "lil man", "lil girl", "lil boy", "lil dude", "little man", "little lady",
    "little princess", "little prince", "little angel", "bambino", "bambini", "nino", "ninos", "niño", "niños",
    "niña", "niñas", "little rascal", "little rascals", "scamp", "scamps", "whippersnapper", "whippersnappers",
    "moppet", "moppets", "kiddywink", "kiddywinks", "kiddiewink", "kiddiewinks", "street urchin", "street urchins",
    "little urchin", "little urchins", "little cherub", "little cherubs",
    # other Englishes' words for a child or children: Irish, New Zealand and Australian, South African, Māori
    "chiseller", "chisellers", "littlie", "littlies", "bub", "bubs", "pikkie", "pikkies", "tamariki", "mokopuna",
    # a younger sibling called little: "my little brother", "his little sister"
    "little brother", "little brothers", "little sister", "little sisters", "lil bro", "lil sis", "little bro",
    "little sis", "baby bro", "baby sis",
    # step-, god- and grand- family words ("my stepdaughter", "a godson", "grandbabies")
    "step-son", "step-sons", "step-daughter", "step-daughters", "step-child", "step-children", "step-kid",
    "step-kids", "god-son", "god-sons", "god-daughter", "god-daughters", "god-child", "god-children",
    "grand-baby", "grand-babies",
    # youth groups
    "cub scout", "cub scouts", "scouting cubs", "scout cubs", "beaver scout", "beaver scouts", "sea scout",
    "sea scouts", "boy scout", "boy scouts",
    "girl scout", "girl scouts", "brownie scout", "scouts",
    "scout troop", "scout troops", "cub pack", "girl guide", "girl guides", "brownie guide", "brownie guides",
    "rainbow guide", "rainbow guides", "4-h club", "pony club", "pony clubs",
    "4-h clubs", "boys' brigade", "boys brigade",
    # schooling below 16
    "elementary school", "elementary student", "elementary students", "elementary schooler",
    "elementary schoolers", "grade school", "grade schooler", "grade schoolers", "middle school",
    "middle schooler", "middle schoolers", "junior high", "kindergarten", "kindergartner", "kindergartners",
    "kindergartener", "kindergarteners", "preschool", "preschooler", "preschoolers", "pre-school", "pre-k",
    "nursery school", "junior school", "junior schools", "dame school", "dame schools", "infant school",
    "infant schools", "daycare", "day care",
    "pre-schooler", "pre-schoolers", "primary school", "homeschool", "home-school", "homeschooled", "home-schooled",
    "homeschooler", "homeschoolers", "homeschooling", "home-schooling",
    "primary schooler", "primary schoolers", "sunday school", "bible school",
    # Australia's kindergarten, Germany's day nursery
    "kindy", "kindie", "kita", "kitas",
    # youth sport
    "little league", "little leaguer", "little leaguers", "pony league", "pop warner", "babe ruth league",
    "pee wee", "peewee", "tee ball", "t-ball", "little athletics", "kwik cricket", "biddy basketball", "junior nba",
    "junior varsity",
    # families and occasions
    "brother and sister", "brothers and sisters", "siblings", "twins", "triplets", "quadruplets", "trick or treater",
    "trick or treaters",
)
_NUMBER_WORDS = ("(?:twenty|thirty)(?:[\\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?|"
                 "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen")
_UNDER_16 = r"(?:1[0-5]|[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
# "two and a half years old", "a 3-and-a-half-year-old"
_AND_A_HALF = r"(?:[\s-]+and[\s-]+a[\s-]+half)?"
# An age starts a word, not inside a compound number: "a twenty-two-year-old" (or "twenty two year old") is not
# "two-year-old".
_AGE_START = r"(?<![\w-])(?<!\b(?:twenty|thirty|eighty|ninety)\s)(?<!\b(?:forty|fifty|sixty)\s)(?<!\bseventy\s)"
_ORDINAL_UNDER_16 = (r"(?:1[0-5]th|1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                     r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth)")
_SCHOOL_YEAR_UK = r"(?:1[01]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven)\b"
_SCHOOL_YEARS = r"(?:1st|2nd|3rd|[4-8]th|first|second|third|fourth|fifth|sixth|seventh|eighth)"
# children's playground games, and where children play ("playing tag", "playing in a treehouse")
_CHILD_PLAY = (r"(?:playing\s+(?:tag|hide[\s-]+and[\s-]+seek|leapfrog|duck[\s-]+duck[\s-]+goose|red\s+rover|"
               r"parachute\s+games?)|"
               r"(?:playing|play)\s+(?:in|on)\s+(?:a|the|their)\s+(?:tree[\s-]?house|sandbox|sandpit|ball\s+pit|"
               r"bouncy\s+castle|jungle\s+gym|climbing\s+frame|play[\s-]?house|wendy\s+house|paddling\s+pool))")
# an age band in words: "under-eleven football trials"
_BAND_WORDS = r"(?:five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)"
# sports named before a junior team's noun: "a junior canoe polo team", "a junior ice hockey league"
_JUNIOR_SPORT = (r"(?:(?:canoe|water|bike)\s+polo|polo|ice\s+hockey|field\s+hockey|hockey|football|soccer|rugby|"
                 r"basketball|baseball|softball|cricket|netball|lacrosse|volleyball|handball|badminton|squash|"
                 r"table\s+tennis|tennis|golf|athletics|track|cross[\s-]+country|triathlon|rowing|sailing|canoe|"
                 r"kayak|equestrian|curling|fencing|archery|orienteering|ultimate|dodgeball|korfball|rounders|"
                 r"hurling|camogie|gaelic\s+football|bowling|swim|swimming|diving|gymnastics|skating|ski|cycling|"
                 r"show\s*jumping|dressage|eventing|pony|judo|karate|taekwondo|jiu[\s-]?jitsu|kickboxing|boxing|"
                 r"wrestling|martial\s+arts?)")
# what an age-banded team plays or is: "an under-12 football match", "a U14 lacrosse game"
# (the sports are _JUNIOR_SPORT's, which names every sport the team list had)
_TEAM = rf"(?:team|teams|league|squad|side|match|game|games|tournament|players|chess|{_JUNIOR_SPORT})"
# the youth sections by name, capitalised as people write a section (not "lion cubs", "tour guides")
_SECTIONS_CAPITALISED = r"(?:Rainbows|Brownies|Beavers|Cubs|Scouts|Guides)"
# a player by position: "a U12 goalkeeper", "an under-14 winger"
_PLAYING_POSITION = (r"(?:goalkeepers?|keepers?|goalies?|strikers?|wingers?|defenders?|midfielders?|captains?|"
                     r"batters?|bowlers?|pitchers?|catchers?|forwards?|full[\s-]?backs?|scrum[\s-]?halves?|hookers?|"
                     r"props?|flankers?|point\s+guards?|setters?|liberos?)")
# a lad, a chap: a young male, no age said ("a lad of 12", "a lad too small to reach")
_LAD = r"(?:lads?|chaps?|fellas?|fellows?|guys?)"
# "school" not after a school adults attend: "an art school band", "a driving school class", "a graduate school team"
_NOT_AN_ADULTS_SCHOOL = r"(?<!art\s)(?<!driving\s)(?<!dance\s)(?<!business\s)(?<!law\s)(?<!medical\s)"
# The Beaver Scouts' own group, at its ceremonies: "a beaver colony investiture night with new neckers" ("a beaver
# colony building a dam" is animals)
_BEAVER_SCOUT_COLONY = (r"\bbeavers?\s+colon(?:y|ies)\b(?=[^.;]*\b(?:investitures?|neckers?|woggles?|scouts?|scouting|"
                        r"badges?|promises?|leaders?)\b)")
# What says a capitalised section name is a baseball team's (the Chicago Cubs): the section rules below leave such a
# sentence alone
_BASEBALL_CONTEXT = r"games?|stadium|baseball|Wrigley|fans?|season|MLB|pitchers?|innings?"
# The Cubs at what a Cub pack does: "cubs at a camp kitchen", "cubs earning badges" ("lion cubs at a safari camp" are
# animals: the exclusions take an animal's cubs out first, and the animal name stays)
_CUB_PACK = (r"\bcubs\b(?=[^.;]*\b(?:camps?|camping|campfires?|badges?|neckers?|woggles?|scouts?|scouting|akela|"
             r"sixers?|pack\s+(?:holidays?|nights?|meetings?))\b)"
             # capitalised, with the pack: "our Cubs raised £300, photo of the pack with the cheque" (not a team's)
             r"|(?-i:\bCubs\b)(?=[^.;]*\b(?:the|our|their)\s+pack\b)"
             rf"(?![^.;]*\b(?:{_BASEBALL_CONTEXT})\b)")
CHILD_PATTERNS = (
    # ages: under 16 in years, any number of months, weeks or days
    rf"{_AGE_START}{_UNDER_16}{_AND_A_HALF}[\s-]*(?:years?|yrs?)[\s-]*olds?\b",
    rf"{_AGE_START}{_UNDER_16}[\s-]*(?:y/o|y\.o\.?|yo)(?=\W|$)",
    rf"{_AGE_START}(?:\d{{1,3}}|{_NUMBER_WORDS})[\s-]*(?:months?|mos?|weeks?|wks?|days?)[\s-]*olds?\b",
    # an age in months written short, as parents type it: "18mo stacking cups", "9mths in a high chair" (not "a 12mo
    # warranty")
    r"\b\d{1,2}\s?(?:mo|mos|mth|mths|m/o)\b(?!\s*(?:ago|later|warrant(?:y|ies)|contracts?|leases?|plans?|"
    r"subscriptions?|rent|deals?|loans?|terms?))",
    # an age band written out: "a 10 and under relay", "ages 8 & under", "an eight-and-under swim team" (not a price:
    # "gifts £10 and under")
    rf"(?<![£$€\d]){_AGE_START}{_UNDER_16}[\s-]*(?:and|&)[\s-]*unders?\b"
    r"(?!\s*(?:pounds?|quid|dollars?|euros?|bucks))",
    # an age in months or weeks at the head of a tag list: "14 months, first shoes fitting"
    rf"^\s*(?:\d{{1,2}}|{_NUMBER_WORDS})\s*(?:months?|mos|weeks?|wks)\s*,",
    # everyone named under an age: "cousins, all under ten", "twins, both under 5"
    rf"\b(?:all|both|each)\s+(?:aged\s+)?under\s+(?:[2-9]|1[0-6]|{_BAND_WORDS}|two|three|four)\b"
    r"(?!\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|pounds?|quid|dollars?|euros?|kg|kilos?|miles?|km|metres?|"
    r"meters?|feet|ft|degrees?|%|percent))",
    # a birthday cake's candles count the years: "a cake with four candles"
    rf"\bcake\s+with\s+{_UNDER_16}\s+(?:lit\s+|birthday\s+)?candles\b|\b{_UNDER_16}\s+candles\s+on\s+(?:a|the|his|her|"
    r"their)\s+(?:birthday\s+)?cake\b",
    rf"\b{_ORDINAL_UNDER_16}\s+birthday\b",
    # an age after a person, between commas or in brackets: "two brothers, 6 and 8, feeding a calf", "a girl (7)"
    r"\b(?:boys?|girls?|brothers?|sisters?|twins|sons?|daughters?|kids?|children|child|cousins?|siblings|friends|"
    rf"nephews?|nieces?|grandsons?|granddaughters?)\s*[,(]\s*(?:aged\s+)?{_UNDER_16}(?:\s*(?:,|and|&|-)\s*{_UNDER_16})*"
    r"\s*[,)]",
    # a youth section's member or a young sportsperson with an age between commas: "a Scout, about 11, tying a
    # bowline", "a young golfer, 8, lining up a putt"
    r"\b(?:scouts?|guides?|brownies?|cubs?|beavers?|rainbows?|cadets?|young\s+(?:golfers?|players?|riders?|swimmers?|"
    rf"skaters?|dancers?|runners?|footballers?|cricketers?|gymnasts?))\s*,\s*(?:aged\s+|about\s+|around\s+|nearly\s+|"
    rf"almost\s+)?{_UNDER_16}\s*,",
    # a sportsperson or a figure of about a child's age: "a rider of about nine takes the first jump", "a skater of
    # maybe twelve" (not "a rider of nine horses": the age is hedged)
    r"\b(?:riders?|players?|swimmers?|skaters?|dancers?|runners?|climbers?|cyclists?|golfers?|boxers?|skiers?|"
    r"surfers?|divers?|gymnasts?|footballers?|cricketers?|walkers?|figures?|drummers?|singers?)\s+of\s+(?:about|around|"
    rf"nearly|almost|maybe|perhaps|roughly)\s+{_UNDER_16}\b(?!\s*(?:%|percent|metres?|meters?|feet|ft|horses?|kg))",
    # a person named with an age under 16, as newspapers caption them: "Freddie (4) and his sister", "Pictured: Grace,
    # 11, who swam" (a capitalised name, the age between commas or in brackets)
    rf"(?-i:\b[A-Z][a-z]+)\s*(?:,\s*(?:aged\s+)?{_UNDER_16}\s*,|\(\s*(?:aged\s+)?{_UNDER_16}\s*\))",
    # the same with the unit, as the back of a photo or a label writes it: "marked 'Lily, 2 yrs'", "Ava, 18 months." —
    # the age ends the phrase (not "Sarah, 5 months pregnant", "Paris, 2 years ago", "Tom, 3 years sober")
    rf"(?-i:\b[A-Z][a-z]+),\s*(?:{_UNDER_16}\s*(?:yrs?|years?)|(?:1?\d|2[0-3]|{_UNDER_16})\s*(?:mths?|months?))"
    r"(?:\s+old)?(?=\s*(?:$|['’\",;)]|\.(?!\d)))",
    # anyone with an age under 16 in brackets, as forms and reports write it: "passenger (14)", "a patient (3)"
    r"\b(?:passengers?|patients?|applicants?|players?|riders?|swimmers?|runners?|skaters?|dancers?|singers?|"
    r"pianists?|winners?|pupils?|students?|visitors?|customers?|residents?|survivors?|victims?|witnesses?|walkers?|"
    rf"climbers?|cyclists?|golfers?|boxers?|drivers?|members?|entrants?)\s*\(\s*(?:aged\s+)?{_UNDER_16}\s*\)",
    # "campers aged eight", "sisters aged six and nine", "kids ages 5 to 9"
    rf"\baged\s+(?:between\s+|under\s+|about\s+|around\s+|nearly\s+|almost\s+|roughly\s+)?{_UNDER_16}\b"
    r"(?!\s*(?:years?|yrs?)\s+in\b)",
    rf"\bages\s+(?:of\s+)?{_UNDER_16}\s*(?:-|–|to|and|through)\s*{_UNDER_16}\b",
    # an age as a field or a time of life: "age 5, first bike", "at age 7 on a pony" (not "age 5 years in the job")
    rf"(?:^|[,:;(]\s*|\bat\s+)age[\s:]+{_UNDER_16}\b(?![\s-]*(?:years?|yrs?)\s+(?:in|of|ago)\b|\s*%)",
    # a primary school by the word alone, at what only its pupils do or wear: "sibling shot, both in primary uniform",
    # "our primary's choir won the county shield" (not "primary colours", "a primary election")
    r"\bprimary(?:'s|\s+school'?s?)?\s+(?:uniforms?|choirs?|nativity|nativities|assembl(?:y|ies)|sports\s+days?|"
    r"playgrounds?|pupils|children|kids|class(?:es)?)\b",
    # the writer or a family at a child's age: "me at six in a paper crown", "us at about 8 on the pier" (not "me at 6
    # am", "us at six o'clock")
    rf"\b(?:me|us)\s+at\s+(?:about\s+|around\s+|just\s+)?{_UNDER_16}\b(?!\s*(?:o'?clock|am\b|pm\b|a\.m|p\.m|[.:]\d|"
    r"in\s+the\s+(?:morning|evening|afternoon)|tonight|sharp|-ish|%))",
    # a Brownie or Guide selling what the section sells: "a Brownie selling biscuits with her mum behind her"
    r"(?-i:\b(?:Brownies?|Rainbows?|Guides?)\b)(?=\s+(?:[\w']+\s+)?sell(?:s|ing)?\s+(?:biscuits|cookies|raffle\s+tickets|"
    r"cakes|poppies)\b)",
    # school years: "first-graders", "a 4th grade class", "year 5 pupils" is caught by "pupils"
    rf"\b{_SCHOOL_YEARS}[\s-]*grad(?:e|er|ers)\b",
    # British school years 1-11 (ages 5-16): "year 6 leavers", "a pupil in year 3" — not "year 12", "in year 2020"
    rf"\byear[\s-]*{_SCHOOL_YEAR_UK}\s+(?:leavers?|pupils?|students?|class|classes|children|kids|boys|girls|"
    r"groups?|assembly|trip|play|residentials?|concerts?|intakes?|tutor\s+groups?|form\s+groups?|"
    # a school year's first days at a new school: "the Year 7 induction day", "year 6 transition days"
    r"(?:induction|transition|taster)(?:\s+(?:days?|evenings?|weeks?|mornings?))?)\b",
    # a British school year's lessons: "a year 1 phonics lesson", "a year 3 classroom", "year 1 sound buttons
    # whiteboard"
    rf"\byear[\s-]*{_SCHOOL_YEAR_UK}\s+(?:[\w-]+\s+){{0,2}}(?:lessons?|classrooms?|teachers?|homework|whiteboards?|"
    r"phonics)\b",
    # a British school year's races and shows: "the year 2 sack race", "the year 4 egg-and-spoon race", "a year 1
    # nativity" (not "year 12", not "in year 2020")
    rf"\byear[\s-]*{_SCHOOL_YEAR_UK}\s+(?:(?:sack|egg[\s-]+and[\s-]+spoon|three[\s-]+legged|relay|obstacle)\s+races?|"
    r"sports\s+days?|nativity|nativities|carol\s+services?|harvest\s+festivals?)\b",
    # a British school year's pupils by the year alone: "year 7s on their first day", "the year sixes" (not "the
    # 1990s")
    r"\byear[\s-]*(?:1[01]|[1-9])s\b|\byear\s+(?:ones|twos|threes|fours|fives|sixes|sevens|eights|nines|tens|"
    r"elevens)\b",
    rf"\bin\s+year[\s-]*{_SCHOOL_YEAR_UK}\b(?![\s-]*(?:of|[0-9]))",
    # recess is the school's break below high school ("students at recess"), not a parliament's
    r"\b(?:at|during|after|before)\s+(?:school\s+)?recess\b|\brecess\s+(?:time|games?|duty|monitors?)\b",
    # school events whose people are pupils: "a school field day", "the school play", "school sports day"
    # (also "a school's Christmas nativity": the possessive and a word between)
    r"\bschool\s+(?:field\s+days?|sports\s+days?|plays?|nativity|recitals?|assembl(?:y|ies)|picture\s+days?|"
    r"fun\s+runs?|talent\s+shows?|concerts?|trips?|outings?|(?:exchange|ski|residential|camping)\s+trips?)\b"
    r"|\bshow\s+and\s+tell\b|\bschool's\s+(?:[\w-]+\s+)?(?:nativity|sports\s+days?|assembl(?:y|ies)|plays?)\b"
    # a nursery school's nativity ("nursery nativity", "the nursery's nativity play"; not a garden nursery's)
    r"|\bnursery(?:'s)?\s+(?:christmas\s+)?nativity\b",
    # a school's clubs and ensembles: "a school ukulele club concert", "the school choir" (not "an art school")
    rf"\b{_NOT_AN_ADULTS_SCHOOL}(?:school|schools')\s+(?:[\w-]+\s+)?(?:clubs?|choirs?|bands?|orchestras?|discos?)\b",
    # a holiday club for pupils ("school's out club"), and juniors — a junior school's pupils — at play
    r"\bschool'?s\s+out\s+clubs?\b|\bjuniors\s+(?:playing|at\s+play)\b",
    # a school class is its pupils (not "the school class of 1995" at a reunion)
    rf"\b{_NOT_AN_ADULTS_SCHOOL}(?<!graduate\s)(?<!grad\s)(?<!cookery\s)(?<!cooking\s)(?<!language\s)(?<!night\s)"
    r"(?<!high\s)school\s+class(?:es)?\b(?!\s+of\s+(?:19|20)\d\d|\s+reunions?)",
    # a school's races and teams: "a school cross country race", "the school swimming gala" (not "a ski school race")
    rf"\b{_NOT_AN_ADULTS_SCHOOL}(?<!graduate\s)(?<!grad\s)(?<!ski\s)(?<!surf\s)(?<!riding\s)(?<!flight\s)"
    rf"(?<!nursing\s)schools?'?\s+(?:{_JUNIOR_SPORT}\s+)?(?:races?|relays?|galas?|tournaments?|matches|teams?|squads?|"
    r"meets?)\b",
    # "grade 2 students", "a kinder class" (kindergarten in Australia)
    r"\bgrade[\s-]*(?:[1-8]|one|two|three|four|five|six|seven|eight)\s+(?:students?|pupils?|class|classes|"
    r"classroom|schoolers?|learners?|kids|children|boys|girls)\b",
    # other countries' school years below 16: Scotland's and Ireland's primary years ("a P4 class", "primary 6
    # pupils"), England's key stages 1-4 ("a KS2 maths lesson"), the first forms of a secondary school ("form 1
    # students", "a third-form class"; Kenya's form 4 is 17)
    r"\b(?:p|primary)[\s-]?[1-7]\s+(?:class|classes|classroom|pupils?|children|kids|boys|girls|teachers?|"
    r"assembly|trip|play|lessons?)\b",
    r"\b(?:ks|key\s+stage)[\s-]?[1-4]\b",
    r"\bform[\s-]*(?:[1-3]|one|two|three)\s+(?:students?|pupils?|class|classes|classroom|girls|boys|learners?)\b",
    r"\b(?:first|second|third|fourth)[\s-]+form(?:ers?|\s+(?:class|classes|pupils?|students?|girls|boys))\b",
    r"\bkinder\s+(?:class|classes|classroom|students?|group|groups|teacher|teachers)\b",
    # a nursery class is a school's for three- and four-year-olds (not a plant nursery, not a baby's room)
    r"\bnursery\s+(?:class|classes|classroom|classrooms|groups?|teachers?|pupils?|nurses?)\b",
    # wearing a school uniform: "students in school uniforms", "a boy in his school uniform"
    r"\bin\s+(?:a\s+|their\s+|his\s+|her\s+)?school\s+uniforms?\b",
    # reception: the first school year in England and Wales ("a reception class story time")
    r"\breception\s+(?:class|classes|classroom|classrooms|pupils?|children|kids|year|teachers?)\b",
    # children's playground games and play places ("cousins playing tag", "cousins playing in a treehouse";
    # not "laser tag")
    rf"\b{_CHILD_PLAY}\b",
    # an elementary class and after-school clubs are children's ("an elementary art class")
    r"\belementary\s+(?:\w+\s+)?(?:class|classes|classroom|classrooms|students?|pupils|kids|graders?)\b",
    r"\bprimary\s+(?:school\s+)?(?:class|classes|classroom|classrooms|pupils?|kids|children|sports\s+days?|"
    r"nativity|assembl(?:y|ies)|plays?)\b",
    # a primary school's own events, the possessive and a season between: "the primary's spring concert"
    r"\bprimary's\s+(?:[\w-]+\s+)?(?:concerts?|nativity|assembl(?:y|ies)|plays?|sports\s+days?|fairs?|fetes?|"
    r"discos?)\b",
    # a child at the childminder's ("pick up Ollie from the childminder"), a school nativity's shepherds in tea
    # towels and its costumes
    r"\b(?:from|at|to)\s+(?:the\s+|our\s+|his\s+|her\s+)?childminder'?s?\b"
    r"|\b(?:shepherds?|wise\s+m[ae]n|kings?|angels?)\s+in\s+(?:a\s+|their\s+|his\s+|her\s+)?tea[\s-]?towels?\b"
    r"|\bnativity\s+costumes?\b",
    # a section named where a child is taken: "drop Lily at Rainbows", "back from Cubs" (not "at Cubs games")
    rf"(?-i:\b(?:at|from|to)\s+{_SECTIONS_CAPITALISED}\b)"
    r"(?!\s+(?:games?|stadium|park|field|fans?|matche?s?|baseball))",
    # match mascots lead the teams out; parents push buggies; the young princes of a royal family
    r"\bmascots\s+(?:lead|leading|walk|walking)\s+(?:\w+\s+)?(?:teams?|players|sides)\s+out\b"
    r"|\bpush(?:ing|es|ed)?\s+(?:a\s+|their\s+|his\s+|her\s+|the\s+)?buggies?\b"
    r"|\byoung\s+(?:princes|princesses|prince|princess|royals)\b"
    # a cradle rocked holds a baby: "The MOTHER rocks the CRADLE, humming" (not "the cradle of civilisation")
    r"|\brock(?:s|ed|ing)?\s+(?:the|a|her|his|their)\s+cradle\b(?!\s+of\b)",
    # the small of a sport: "the mini gymnasts on the beam", "mini footballers", "the little cheerleaders"
    r"\b(?:mini|little)[\s-]+(?:gymnasts?|athletes?|footballers?|rugby\s+players?|cricketers?|golfers?|swimmers?|dancers?|"
    r"ballerinas?|skaters?|tennis\s+players?|cheerleaders?|kickers)\b",
    # an age range on a box or a label, as a field: "balance bike, 2-5 years", "raincoat, 2-3 yrs", "ride-on
    # tractor, 18 months to 3 years" (not "for 2-5 years' service", "renovated 2-3 years ago")
    rf"(?:^|[,:;(]\s*|\b(?:ages?|aged|sizes?|fits)\s+)(?:{_UNDER_16}|\d{{1,2}}\s*(?:months?|mths?|m))\s*(?:-|–|to)\s*"
    rf"{_UNDER_16}\s*(?:years?|yrs?|y)\b(?!['’]|\s+(?:ago|later|earlier|on|in|of|since|before|after|experience|"
    r"warranty|guarantee|service)\b)",
    # an age range in years: "activities for 5-12 year olds", "8 to 11-year-olds"
    rf"\b{_UNDER_16}\s*(?:-|–|to)\s*{_UNDER_16}[\s-]*(?:years?|yrs?)[\s-]*olds?\b",
    r"\bafter[\s-]school\s+(?:\w+\s+)?(?:club|clubs|program|programs|programme|programmes|care|activities|class|"
    r"classes)\b",
    # the school's yard and its break: "playtime in the school yard", "a school playground at lunch"
    r"\bschool\s*yards?\b|\bschool\s+playgrounds?\b|\b(?:at|during|after|before)\s+playtime\b",
    # high school: the people in it (14–18 includes under 16), not the building
    r"\bhigh[\s-]*school(?:er|ers|\s+(?:students?|kids|freshm[ae]n|sophomores?|team|teams|athletes?|players?|class|girls?|boys?))\b",
    # youth teams: "under-10s", "under 12 football", "U12", "junior golfers"
    # (an under-16 team's players are 15 or younger)
    rf"\bunder[\s-]*(?:[5-9]|1[0-6]|{_BAND_WORDS})'?s\b",
    rf"\bunder[\s-]*(?:[5-9]|1[0-6]|{_BAND_WORDS})\s+(?:{_TEAM}|footballers?|cricketers?|swimmers?|runners?|"
    rf"gymnasts?|athletes?|{_PLAYING_POSITION})\b",
    rf"\bu[\s-]?(?:[6-9]|1[0-6])s?\s+(?:{_TEAM}|girls|boys|{_PLAYING_POSITION})\b",
    # an age band written "U11s" is a team's, like "under-11s"; "a U9 Kwik Cricket festival", "an U12 GAA blitz":
    # a band with a sport or a youth fixture a few words on
    r"\bu[\s-]?(?:[6-9]|1[0-6])'?s\b",
    rf"\bu[\s-]?(?:[6-9]|1[0-6])\b(?=(?:\s+[\w-]+){{0,3}}\s+(?:{_TEAM}|gaa|blitz|blitzes|festivals?|galas?|cups?|"
    r"fixtures?|training|trials?|sections?)\b)",
    # an age band as American youth sport writes it, the number first: "a 9U softball dugout", "10U travel baseball"
    rf"\b(?:[6-9]|1[0-6])u\b(?=(?:\s+[\w-]+){{0,3}}\s+(?:{_TEAM}|all[\s-]?stars?|tournaments?|dugouts?)\b)",
    # the youngest cadets: "junior sea cadets learning knots" (cadets alone may be 18)
    r"\bjunior\s+(?:(?:sea|air|army|marine|police|fire)\s+)?cadets?\b",
    # junior varsity is a high school's younger team
    rf"\bjv\s+(?:{_TEAM}|cheer\w*)\b",
    # ice hockey's age divisions: "a mites hockey game", "squirt hockey", "hockey bantams"
    r"\b(?:mites?|squirts?|atoms?|bantams?)\s+(?:ice\s+)?(?:hockey|teams?|leagues?|games?|divisions?|players?|"
    r"tournaments?)\b(?<!atom\sgames)(?<!atoms\sgames)|\bhockey\s+(?:mites|squirts|atoms|bantams)\b",
    # German compounds of Kinder- (children) and Jugend- (youth) that name a group of them: "a Kinderchor", "a
    # Jugendfeuerwehr drill" (not things made for them: a Kinderhotel, a Kinderwagen; not Jugendstil, an art style)
    r"\b(?:kinder|jugend)(?:chor|chöre|gruppen?|turnen|krippen?|tagesstätten?|fest|tanz|ballett|zirkus|theater|"
    r"fu(?:ß|ss)ball|mannschaft(?:en)?|schwimmen|feuerwehr|orchester|team)\b",
    # an age after "of": "a lad of 12 on a paper round", "players of nine and ten" (not "a singer of 12 albums")
    rf"\b(?:{_LAD}|players?|dancers?|skaters?|swimmers?|riders?|gymnasts?|cousins?|"
    rf"brothers?|sisters?|twins|friends|contestants?|competitors?|entrants?|finalists?)\s+of\s+(?:about\s+|around\s+|only\s+|just\s+)?{_UNDER_16}\b"
    r"(?![\s-]+(?!years?\b|yrs?\b)[a-z]+s\b)",
    rf"\bjuniors?'?\s+{_JUNIOR_SPORT}\s+(?:team|teams|league|leagues|squad|squads|club|clubs|match|matches|game|games|"
    r"tournament|tournaments|camp|camps|players?|class|classes|competitions?|shows?)\b",
    # a sitter or a player of a child's age, as a release or an entry form says it: "release note: subject is 14",
    # "rider aged 9" (not "the model is 5 ft 10", "the player was 10 minutes late")
    rf"\b(?:subject|sitter|model|rider|player|entrant|participant|competitor|patient|performer|dancer|swimmer|"
    rf"skater|singer)\s+(?:is|was|aged|age)\s*:?\s*{_UNDER_16}\b(?![\s-]*(?:minutes?|mins?|hours?|hrs?|seconds?|"
    r"secs?|%|percent|cm|kg|lbs?|pounds?|stone|ft|feet|foot|inches|in\b|metres?|meters?|m\b|yards?|miles?|km|lengths?|"
    r"strokes?|points?|goals?|runs?|o'clock|am\b|pm\b|th\b|st\b|nd\b|rd\b|days?|weeks?|months?|years?\s+(?:ago|since|"
    r"later|into)))",
    # rugby's youngest section: "minis at a rugby club" (not Minis at a car show)
    r"\bminis\b(?=.*\b(?:rugby|hockey|football|soccer|cricket)\b)",
    # (a discipline may come between: "a junior figure skater", "junior downhill skiers")
    r"\bjuniors?\s+(?:team|teams|league|squad|football|soccer|rugby|hockey|basketball|baseball|cricket|tennis|golf|"
    r"swim|cycling|golfers?|swimmers?|swimming|gymnasts?|gymnastics|players?|athletes?|"
    r"(?:(?:figure|speed|ice|roller|inline|downhill|slalom|cross[\s-]country|freestyle|alpine|track|road|mountain|bmx|"
    r"distance|sprint)\s+)?(?:skaters?|skiers?|riders?|cyclists?|racers?|runners?|swimmers?)|skiing|ski|riders?|"
    r"cyclists?|racers?|runners?|sailors?|sailing|surfers?|climbers?|rowers?|rowing|divers?|diving|dancers?|"
    r"wrestlers?|wrestling|boxers?|archers?|fencers?|lifeguards?|rangers?|naturalists?|parkruns?|choristers?|choirs?|"
    r"chess|"
    r"clubs?|"
    r"champions?|championship|"
    r"tournament|camp|taekwondo|karate|judo|jiu[\s-]?jitsu|kickboxing|martial\s+arts?|competitions?|sections?)\b",
    # children's versions of a sport: "mini-hockey", "mini rugby" (not "mini golf")
    r"\bmini[\s-]?(?:rugby|hockey|soccer|football|basketball|tennis|cricket|netball|lacrosse|league)\b",
    # a scout or guide section's unit by its name: "a daisy troop", "a brownie pack", "a webelos den"
    r"\b(?:daisy|daisies|brownie|brownies|rainbow|rainbows|webelos)'?[\s-]+(?:(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|weekly|summer|christmas|first|last)\s+)?(?:troops?|packs?|dens?|units?|meetings?|"
    r"sleepovers?|camps?|holidays?|promises?|floats?|enrolments?|enrollments?)\b",
    # a section's member at her enrolment ("a Rainbow at her enrolment"), two sections named together ("the Cubs and
    # Beavers marching past", capitalised: not "lion cubs and beavers"), the Guides at camp ("the Guides around the
    # campfire", capitalised: not tour guides)
    r"\b(?:rainbow|brownie|beaver|cub|guide|scout)\b(?=[^.;]*\b(?:her|his)\s+(?:enrolment|enrollment|investiture)\b)"
    rf"|(?-i:\b{_SECTIONS_CAPITALISED}\s+(?:and|&)\s+{_SECTIONS_CAPITALISED}\b)"
    r"|(?-i:\bGuides\b)(?=[^.;]*\b(?:campfires?|camp|badges?|promise|patrols?|units?|jamboree)\b)",
    # a section with the possessive, capitalised, at what a section does or where it meets: "the Cubs' litter pick
    # photo for the parish magazine", "Beavers' use of the hall on Tuesdays" (not "the Cubs' night game at Wrigley",
    # "the Beavers' quarterback": a team's; not "the beavers' lodge": lower case)
    rf"(?-i:\b{_SECTIONS_CAPITALISED}')(?=[^.;]*\b(?:halls?|colon(?:y|ies)|packs?|troops?|units?|litter[\s-]+picks?|"
    r"parish|church|leaders?|meetings?|uniforms?|sleepovers?|hikes?|parades?|gang\s+shows?|jamborees?|"
    r"jumble\s+sales?|bob[\s-]a[\s-]job|badges?|neckers?|woggles?|campfires?)\b)"
    rf"(?![^.;]*\b(?:{_BASEBALL_CONTEXT}|basketball|World\s+Series|dugout|home\s+runs?|quarterback|touchdowns?|football|"
    r"ice\s+hockey|NHL|NFL|NCAA)\b)",
    # a section's leader with the section's own unit named: "Brownie leader, photo of the unit at camp", "a Cub leader
    # with the pack" (a leader alone is an adult: "a Scout leader's retirement")
    r"(?-i:\b(?:Rainbow|Brownie|Guide|Cub|Beaver|Scout)\s+[Ll]eaders?\b)(?=[^.;]*\b(?:units?|packs?|colon(?:y|ies)|"
    r"troops?|sixes|patrols?|lodges?)\b)",
    # a capitalised section at what a unit does or at its meeting: "the Beavers making bird feeders", "Rainbows at their
    # weekly meeting", "Brownies in the outdoor-learning condition, den building" (not beavers at a dam, Brownies the
    # bake, a team called the Beavers)
    rf"(?-i:\b(?:Rainbows|Brownies|Beavers|Guides)\b)(?=[^.;]{{0,40}}\b(?:making|planting|sewing|decorating|painting|"
    r"crafting|den[\s-]building|at\s+(?:their|the)\s+(?:weekly\s+)?(?:meetings?|unit\s+nights?|sleepovers?))\b)"
    rf"(?![^.;]*\b(?:dams?|lodges?|rivers?|streams?|ponds?|gnaw\w*|recipes?|ovens?|chocolate|cocoa|fudge|"
    rf"{_BASEBALL_CONTEXT}|football|quarterback|playoffs?|touchdowns?|NCAA)\b)",
    # a Beaver Colony, capitalised within a sentence, away from what the animals build ("a Beaver colony on a nature
    # walk"; not "beaver colony on the river")
    r"(?-i:(?<=\s)Beaver\s+[Cc]olon(?:y|ies)\b)(?![^.;]*\b(?:dams?|lodges?|rivers?|streams?|ponds?|gnaw\w*|kits|wetlands?|"
    r"reintroduc\w*|trail\s+cams?)\b)",
    # someone with an age under 16 between commas, or then that age: "the young victim, 12, pictured", "the complainant,
    # then 11, in a school photo"
    rf"(?-i:\b[a-z]+)\s*,\s*(?:then\s+|aged\s+)?{_UNDER_16}\s*,(?!\s*\d)",
    # the Beaver Scouts by what only the section does ("a beaver's den" is the animal's)
    r"\bbeavers'?\s+(?:meetings?|sleepovers?|promises?|investitures?|sessions?)\b",
    # a child named "little" before the name, as a family writes it: "little Max with his first fish", "our little
    # Lily's first slide" (the capital and a lower-case "little": not "Little Women", "the Little Chef")
    r"(?-i:\blittle\s+[A-Z][a-z]+\b)",
    # a learner's order, the adjective after the noun: "the guides little make the soup", "two sister little"
    r"\b(?:guides|scouts|brownies|cubs|sisters?|brothers?)\s+(?:little|small)\b(?!\s+(?:shops?|business(?:es)?|"
    r"houses?|cottages?|cars?|boats?|flats?|gardens?|dogs?|cats?|bars?|cafes?|caf\u00e9s?))",
    # an age range under 16 in brackets, as a metadata field gives it: "Group: Beavers (6-8)"
    rf"\(\s*(?:ages?d?\s+)?{_UNDER_16}\s*[-\u2013]\s*{_UNDER_16}\s*\)",
    # a grown-up remembering: "when he was small"
    r"\bwhen\s+(?:he|she|they|i|we)\s+(?:was|were)\s+(?:small|little|tiny|wee)\b",
    # a school's youngest years and events by a family's words: "starting big school", "a playgroup party", "a class
    # assembly", "Oscar's Montessori graduation", "the school's harvest festival"
    r"\bbig\s+school\b|\bplay[\s-]?groups?\b|\bclass\s+assembl(?:y|ies)\b|\bschool'?s?\s+harvest\s+festivals?\b",
    r"\bmontessori\s+(?:graduations?|class(?:es|rooms?)?|schools?|nurser(?:y|ies)|pre-?schools?|kids|children|pupils|"
    r"groups?|toddlers?)\b",
    # a participant called little or young by role: "little dancers", "young gymnasts" (not "little dogs"); little
    # or young cousins
    r"\b(?:little|tiny|wee)\s+(?:gymnasts?|ballerinas?|dancers?|swimmers?|skaters?|athletes?|players?|footballers?|"
    r"campers?|artists?|musicians?|pianists?|violinists?|chefs?|bakers?|readers?|learners?|students?|explorers?|"
    r"helpers?|cowboys?|cowgirls?|pirates?|firefighters?|astronauts?|scientists?|heroes|hero|entrepreneurs?|"
    r"gardeners?|builders?|engineers?|detectives?|adventurers?|travell?ers?|shoppers?|monsters?|cousins?|fans?|"
    r"patients?)\b",
    # a lad too small for a grown-up's reach: "a lad too small to reach the lowest branch"
    rf"\b{_LAD}\s+(?:far\s+|much\s+)?too\s+(?:small|young|little|short)\s+to\b",
    # the first or last day at a nursery or school: "the first morning of nursery", "last day at school"
    r"\b(?:first|last)[\s-]+(?:day|days|morning|week|term)[\s-]+(?:at|of|in)[\s-]+(?:the[\s-]+)?(?:nursery|school|"
    r"reception)\b",
    r"\byoung\s+(?:gymnasts?|ballerinas?|campers?|footballers?|soccer\s+players?|athletes?|swimmers?|"
    r"(?:ice\s+|figure\s+|roller\s+)?skaters?|cousins?|"
    r"skiers?|dancers?|pianists?|violinists?|cellists?|readers?|learners?|runners?)\b",
    # scouting's gatherings: "a scout jamboree" (not "a talent scout")
    r"\bscout\s+(?:jamborees?|camps?|hikes?|parades?|badges?|uniforms?|huts?|leaders?)\b|\bjamborees?\b|"
    r"\bscoutmasters?\b|\bcub\s+leaders?\b",
    # 4-H is a youth organisation: "a 4-H member" (the hyphen: "a 4h drive" is hours)
    r"\b4-h\b",
    # a family counted by head usually counts its children: "a family of four"
    r"\bfamil(?:y|ies)\s+of\s+(?:three|four|five|six|seven|eight|[3-8])\b",
    # a child's first school day: "first day of school", "her first day at school"
    r"\bfirst\s+day\s+(?:of|at)\s+(?:school|kindergarten|preschool|pre-school|nursery|reception)\b",
    # an age being reached: "triplets turning one", "she just turned six" (not "turning 90 degrees")
    rf"\b(?:turning|turns|just\s+turned)\s+{_UNDER_16}\b(?!\s*(?:degrees|pages?|times|corners?|laps?|o'clock|pm|am|"
    r"miles?|km|%|percent))",
    # children's party games: "pass the parcel", "pin the tail on the donkey", "musical statues"
    r"\bpass\s+the\s+parcel\b|\bpin\s+the\s+tail\s+on\s+the\s+donkey\b|\bmusical\s+(?:statues|bumps)\b"
    r"|\begg[\s-]+and[\s-]+spoon\b",
    # a wedding's children by their role, a girl's fifteenth-birthday celebration and a boy's or girl's coming of age at
    # thirteen or twelve: "a junior bridesmaid", "a quinceañera", "a bar mitzvah"
    r"\b(?:junior|little|child|tiny|mini)\s+bridesmaids?\b|\bquincea[ñn]eras?\b|\b(?:bar|bat|b'nai)\s+mitzvahs?\b",
    # the school run: taking children to school and back
    r"\bschool\s+runs?\b",
    # swimmers in armbands (water wings) are learning children ("stage 1 learners in armbands"; not "in black
    # armbands"), and the youngest martial-arts class by its usual names ("the little dragons class")
    r"\bin\s+(?:their\s+|his\s+|her\s+)?(?:arm[\s-]?bands|water\s+wings)\b"
    r"|\blittle\s+(?:dragons|ninjas|kickers|warriors)\s+(?:class(?:es)?|karate|taekwondo|judo|martial\s+arts|"
    r"sessions?)\b",
    # an age band as a club writes it: "Lego club for 6-10s", "a 2-3s music group" (not "the 1950-60s", "3-2s")
    rf"\b(?:for|a|the|our|aged|ages)\s+{_UNDER_16}\s*[-–]\s*(?:1[0-5]|[2-9])'?s\b",
    # toddling is how a toddler walks ("a toddling figure in a sunhat"; not "toddling off to the pub")
    r"\btoddling\b(?!\s+(?:off|along|down|over|round|around|home|back|up|in|out)\b)",
    # the juniors' swimming and running races: "the juniors' 25m backstroke race"
    r"\bjuniors'?\s+(?:\d+\s?m\s+)?(?:backstroke|breaststroke|freestyle|butterfly|medley|relays?|sprints?|heats?|"
    r"gala|egg[\s-]+and[\s-]+spoon|sack\s+race|three[\s-]+legged)\b",
    # only children lose milk teeth: "losing a milk tooth", "the tooth fairy"
    r"\bmilk\s+(?:tooth|teeth)\b|\btooth\s+fairy\b",
    # a wobbly tooth is a milk tooth on its way out: "wobbly front tooth finally out"
    r"\b(?:wobbly|wiggly)\s+(?:front\s+|baby\s+)?(?:tooth|teeth)\b",
    # a Guides section beside the movement's name: "rainbows (girlguiding) making bird feeders", "Girlguiding
    # Brownies"
    r"\b(?:rainbows?|brownies?|guides?)\b(?=[^.;]*\bgirl\s*guiding\b)|\bgirl\s*guiding\s+(?:rainbows?|brownies?|"
    r"guides?)\b",
    # the Guides' youngest sections by name: "brownies" are cakes unless they do what people do
    # (and the Rainbows, the youngest: "Rainbows making bird feeders" — not rainbows over anything)
    r"\b(?:brownies|rainbows)\s+(?:selling|singing|marching|camping|hiking|playing|dancing|waving|posing|smiling|"
    r"laughing|pictured|presenting|collecting|parading|performing|making|building|"
    r"wearing|saluting|cheering|earning|learning|planting|crafting|painting|visiting|reciting|in\s+uniform)\b"
    # a Brownie who does something to her own: "a Brownie cut her finger" (not "a brownie on her plate")
    r"|\bbrownies?\s+(?!(?:on|in|at|with|for|from|to|and|or|of|by|near|beside|under|recipe|mix|tin|pan|points?)\b)"
    r"[a-z]+\s+(?:her|their)\s+(?:own\s+)?(?:fingers?|hands?|knees?|arms?|legs?|heads?|badges?|promise|uniforms?|"
    r"sashes|sash|friends?|mums?|dads?|parents)\b"
    r"|\bbrownies\s+(?:on|at|around|round)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+)?(?:litter[\s-]+picks?|trips?|outings?|"
    r"camps?|hikes?|"
    r"walks?|sleepovers?|parades?|visits?|pack\s+holidays?|campfires?|toadstools?)\b"
    # or named beside the Guides' badges and sashes: "brownies, badges, uniform"
    r"|\bbrownies\b(?=.*\b(?:badges?|guides?|guiding|sash(?:es)?|toadstools?|brown\s+owl)\b|.*(?:,\s*|\bin\s+)"
    r"uniforms?\b)",
    # an age a birthday badge or balloon says, as the whole of what it says: "a badge saying I am 5", "a balloon
    # saying 6 today!" (not "I am one happy camper", "I am 2 cool", "open 9 today only")
    rf"\b(?:i\s+am|i'm)\s+{_UNDER_16}(?:\s+today)?(?=\s*(?:$|[!,.;:\"')]))"
    rf"|\b{_UNDER_16}\s+today(?=\s*(?:$|[!,.;:\"')]))",
    _BEAVER_SCOUT_COLONY,
    _CUB_PACK,
    # an urchin is a ragged child (not a sea urchin); bob-a-job week was the Cubs' and Scouts' fundraiser
    r"(?<!sea\s)\burchins?\b|\bbob[\s-]+a[\s-]+job\b",
    # parents' words for their small children and for parenting them: "beach day with the littles", "a twin mum with
    # two car seats", "#letthembelittle"
    r"\b(?:the|my|our|his|her|their)\s+littles\b|\btwin\s+(?:mom|mum|mama|mommy|mummy|dad|daddy|parents?)s?\b"
    r"|\blet\s+them\s+be\s*little\b",
    # early years education, for the under-fives, and its messy play: "#earlyyears messy play with shaving foam", "an
    # early years setting" (not "in his early years")
    r"\bmessy\s+play\b|\bearly\s+years\s+(?:settings?|practitioners?|educators?|teachers?|classrooms?|foundation|"
    r"centres?|centers?|groups?|messy\s+play)\b",
    # a parent's count of children under an age: "mum of three under five", "2 under 2" (not "two under par")
    r"\b(?:two|three|four|five|[2-5])\s+under\s+(?:one|two|three|four|five|six|seven|eight|[1-8])s?\b"
    r"(?![\s-]*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|pounds?|quid|dollars?|euros?|kg|stone|par|%))",
    # the smallest of a family or a class in a grown-up's role: "our smallest sous-chef", "my littlest helper" (not
    # "our smallest room")
    r"\b(?:our|my)\s+(?:smallest|littlest|tiniest|wee[\s-]?est)\s+(?:sous[\s-]?chefs?|chefs?|cooks?|bakers?|"
    r"helpers?|assistants?|gardeners?|fans?|supporters?|passengers?|crew(?:\s+members?)?|members?|guests?|hikers?|"
    r"explorers?|adventurers?|readers?|models?|one|ones)\b",
)
# Animals whose young carry a child word ("a baby giraffe", "a goat kid"): the word is about the animal.
ANIMALS = (
    "animal", "animals", "dog", "dogs", "puppy", "puppies", "pup", "pups", "cat", "cats", "kitten", "kittens",
    "horse", "horses", "foal", "foals", "pony", "ponies", "cow", "cows", "calf", "calves", "goat", "goats",
    "lamb", "lambs", "sheep", "pig", "pigs", "piglet", "piglets", "duck", "ducks", "duckling", "ducklings",
    "goose", "geese", "gosling", "goslings", "chicken", "chickens", "chick", "chicks", "bird", "birds", "eagle",
    "eagles", "hawk", "hawks", "owl", "owls", "swan", "swans", "penguin", "penguins", "elephant", "elephants",
    "giraffe", "giraffes", "lion", "lions", "tiger", "tigers", "bear", "bears", "cub", "cubs", "seal", "seals",
    "otter", "otters", "monkey", "monkeys", "gorilla", "gorillas", "chimp", "chimps", "panda", "pandas", "deer",
    "fawn", "fawns", "rabbit", "rabbits", "bunny", "bunnies", "squirrel", "squirrels", "fox", "foxes", "wolf",
    "wolves", "zebra", "zebras", "dolphin", "dolphins", "whale", "whales", "turtle", "turtles", "tortoise",
    "kangaroo", "kangaroos", "joey", "koala", "koalas", "hippo", "hippos", "rhino", "rhinos", "camel", "camels",
    "llama", "llamas", "alpaca", "alpacas", "donkey", "donkeys", "bull", "bulls", "hamster", "hamsters",
    "mouse", "mice", "bat", "bats", "fish", "shark", "sharks", "frog", "frogs", "snake", "snakes", "lizard",
    "lizards", "alligator", "alligators", "crocodile", "crocodiles", "raccoon", "raccoons", "beaver", "beavers",
    # common breeds, which people name instead of "dog" or "cat" (regular plurals are matched, as below)
    "pug", "poodle", "terrier", "labrador", "retriever", "corgi", "dachshund", "chihuahua", "bulldog",
    "beagle", "husky", "huskies", "collie", "spaniel", "german shepherd", "sheepdog", "pomeranian", "schnauzer",
    "shih tzu", "yorkie", "maltese", "rottweiler", "doberman", "greyhound", "whippet", "dalmatian", "boxer dog",
    "pit bull", "labradoodle", "goldendoodle", "sheltie", "samoyed", "siamese", "persian cat", "tabby", "tabbies",
    "hedgehog", "guinea pig",
    # wild and farm animals, birds, reptiles and sea life people photograph (plurals in "s" or "es" are
    # matched without being listed; names that are also common words — a ram, a mole, a robin — are left out)
    "pangolin", "capybara", "okapi", "mongoose", "civet", "ocelot", "serval", "caracal", "marten", "stoat", "mink",
    "polecat", "shrew", "dormouse", "gerbil", "chinchilla", "cria", "vicuna", "guanaco", "ibex", "chamois", "dugong",
    "capuchin", "tamarin", "loris", "mandrill", "langur", "colobus", "terrapin", "skink", "anaconda", "kestrel",
    "osprey", "buzzard", "blackbird", "thrush", "wren", "starling", "magpie", "crow", "jackdaw", "mallard", "moorhen",
    "coot", "grebe", "egret", "ibis", "wasp", "beetle", "moth", "snail", "pipistrelle", "noctule",
    "sloth", "orangutan", "lemur", "meerkat", "porcupine", "skunk", "badger", "vole", "rat", "ferret", "weasel",
    "chipmunk", "hare", "moose", "elk", "reindeer", "caribou", "bison", "buffalo", "yak", "ox", "oxen", "antelope",
    "gazelle", "impala", "wildebeest", "cheetah", "leopard", "panther", "cougar", "lynx", "bobcat", "hyena",
    "jackal", "coyote", "dingo", "warthog", "boar", "tapir", "armadillo", "anteater", "aardvark", "platypus",
    "wombat", "wallaby", "wallabies", "opossum", "possum", "baboon", "macaque", "chimpanzee", "bonobo", "marmoset",
    "gibbon", "walrus", "sea lion", "manatee", "orca", "porpoise", "narwhal", "beluga", "stallion", "mare", "colt",
    "filly", "fillies", "heifer", "ewe", "mule", "kitty", "kitties", "doggy", "doggies", "doggo", "pooch",
    "sparrow", "raven", "pigeon", "seagull", "gull", "pelican", "flamingo", "parrot", "macaw", "cockatoo", "budgie",
    "parakeet", "canary", "canaries", "finch", "hummingbird", "woodpecker", "heron", "stork", "ostrich", "emu",
    "peacock", "peahen", "puffin", "gannet", "cormorant", "guillemot", "kittiwake", "tern", "razorbill", "fulmar",
    "petrel", "shearwater", "kingfisher", "falcon", "vulture", "condor", "albatross", "cygnet", "fledgling",
    "nestling", "hatchling", "eaglet", "owlet", "leveret", "hoglet", "froglet", "frogspawn", "sow", "stag", "hen",
    "rooster", "cockerel", "quail", "pheasant", "iguana", "gecko", "chameleon", "toad", "tadpole",
    "salamander", "newt", "cobra", "octopus", "squid", "jellyfish", "crab", "lobster", "starfish",
    "seahorse", "stingray", "eel", "salmon", "trout", "clownfish", "goldfish", "butterfly", "butterflies",
    "caterpillar", "ladybug", "ladybird", "spider", "dragonfly", "dragonflies",
    # Australia's, New Guinea's, Madagascar's, Asia's and Africa's mammals and birds the list lacked (not the
    # springbok, also South Africa's rugby team)
    "echidna", "quokka", "numbat", "bilby", "bilbies", "quoll", "bandicoot", "potoroo", "bettong", "pademelon",
    "sugar glider", "tasmanian devil", "tree kangaroo", "kookaburra", "cassowary", "cassowaries", "lorikeet", "galah",
    "lyrebird", "aye-aye", "fossa", "tenrec", "sifaka", "indri", "tarsier", "binturong", "kinkajou", "coati",
    "hyrax", "dik-dik", "kudu", "oryx", "nyala", "gerenuk", "duiker", "bushbaby", "bushbabies",
    "galago", "aardwolf", "pika", "marmot", "muntjac", "red panda", "snow leopard",
    # cattle by breed, as farmers name a calf ("a shivering newborn Hereford")
    "hereford", "friesian", "holstein", "charolais", "simmental", "shorthorn", "longhorn", "highland cow",
    "jersey cow", "aberdeen angus",
)


def _plural_ending(name: str) -> str:
    """The regular plural's ending: "finch" → "es", "lemur" → "s"."""
    return "es" if name.endswith(("s", "x", "ch", "sh", "z")) else "s"


def _with_plural(name: str) -> str:
    """``name`` as a pattern that also takes its regular plural ("finch" → "finches", "lemur" → "lemurs")."""
    return name.replace(" ", r"\s+") + f"(?:{_plural_ending(name)})?"


# the robin, a name too, as a bird: in lower case after a word that counts or names the young ("a robin", "baby
# robins", "the young robin"; not "Robin", "robin's party")
_LOWER_CASE_ROBIN = r"(?:(?:a|the|baby|babies|young|juvenile|fledgling|two|three|four|some)\s+robins?|robins)\b(?!')"
_ANIMAL = "(?:" + "|".join(_with_plural(a) for a in sorted(ANIMALS, key=len, reverse=True)) + ")"
_ANIMAL_PATTERN = re.compile(rf"\b{_ANIMAL}\b", re.IGNORECASE)
_ROBIN_PATTERN = re.compile(rf"\b{_LOWER_CASE_ROBIN}")
_OTHER_LANGUAGE_YOUNG_ANIMALS = young_animal_pattern(_ANIMAL)  # "a bébé giraffe", "un bebé panda"
# Things, foods and names that carry a child word and mean no child: "a baby grand piano", "baby carrots",
# "kid gloves", "minor league", "the Beach Boys".
_THING_LOOKALIKES = (
    # a pub or inn named with a child word: "the Boy and Barrel inn", "the Babes and Bottle" (capitalised)
    r"(?-i:\b(?:Boy|Boys|Child|Kid|Kids|Babes?|Baby|Girl|Lad|Lads)\s+and\s+[A-Z][\w']*)\s+(?:inn|pub|tavern|arms)\b|"
    # the blessing over wine, not a kid
    r"\bkiddush\b|"
    # a compound is written spaced or hyphenated: "baby blue", "baby-blue tiles", "kid-leather gloves"
    r"\bbaby[\s-]+(?:carrots?|spinach|corn|potatoes|shower|grand|back|blue|boom(?:ers?)?|oil|bok\s+choy|pak\s+choi|leaves|"
    r"greens|kale|pink|yellow|green|grey|gray|beets?|beetroots?|courgettes?|zucchinis?|tomatoes|onions|leeks?|artichokes?|aubergines?|eggplants?|"
    r"squash|lettuces?|(?:cos|gem|little\s+gem|romaine|butterhead)(?:\s+lettuces?)?|plum\s+tomatoes|vine\s+tomatoes|"
    r"new\s+potatoes|salad|rocket|chard|sweetcorn|turnips?|fennel|radish(?:es)?|parsnips?|cucumbers?|peppers?|"
    r"pineapples?|bananas?|avocados?|marrows?|dolls?|belling|bio|vegetables?|veg|veggies|leaf)\b"
    r"|\bminor[\s-]+(?:league|key|keys|chords?|scales?|thirds?|injury|injuries|detail|details|road|repairs?|leaks?|"
    r"scratch(?:es)?|dents?|damage|issues?|problems?|fix(?:es)?|adjustments?|changes?|surgery|operations?|incidents?|"
    r"accidents?|crash(?:es)?|flooding|planets?|prophets?|count(?:y|ies)|placings?|places|roles?|parts?|axis|axes|arcs?|"
    r"premises?|amendments?|edits?|corrections?|tweaks?|revisions?|alterations?)\b"
    # an insect's hormone, a perry named for a fawn, a colour named for a bus: "juvenile hormone levels in locusts", "a
    # Babycham glass", "a school-bus-yellow paint swatch"
    r"|\bjuvenile[\s-]+hormones?\b|\bbabycham\b|\bschool[\s-]?bus[\s-]+yellow\b"
    r"|\bkid[\s-]+(?:gloves|leather|suede|skin|mohair|goats?)\b|\byouth[\s-]+hostels?\b"
    # sweets named for babies ("a tray of Jelly Babies"); a scout's printed things on a wall or a shelf ("the Boy Scout
    # knot chart framed in the lodge bar"; the scouts themselves stay children)
    r"|\bjelly[\s-]+bab(?:y|ies)\b|\bboy[\s-]+scouts?'?\s+(?:knots?\s+charts?|handbooks?|manuals?|mottos?|pen[\s-]?knives|"
    r"knives|knife)\b"
    # children's books as a genre (#kidlit): "a kidlit display in a shop window"
    r"|\bkid[\s-]*lit\b"
    # a shot named like a pint: "a Baby Guinness on a bar"
    r"|\bbaby\s+guinness(?:es)?\b"
    # a university's second subject beside the first: "minor in French, major in coffee", "majoring in law with a minor
    # in art"
    r"|\bminor(?:ing)?\s+in\s+[\w-]+(?:\s+[\w-]+)?\s*[,;&]?\s*(?:and\s+|with\s+)?(?:a\s+)?major(?:ing)?\s+in\b"
    r"|\bmajor(?:ing)?\s+in\s+[\w-]+(?:\s+[\w-]+)?\s*[,;&]?\s*(?:and\s+|with\s+)?(?:a\s+)?minor(?:ing)?\s+in\b"
    r"|\bbaby[\s-]+changing\s+(?:tables?|stations?|rooms?|units?|facilities|mats?|signs?)\b|\bkids'?\s+choice\b"
    r"|\b(?:backstreet|beach|beastie|pet\s+shop|jonas|jersey)\s+boys\b|\b(?:spice|golden|gilmore)\s+girls\b"
    r"|\b(?:boy|girl)[\s-]+(?:bands?|groups?)\b|\bboys\s+of\s+summer\b|\bteenage\s+mutant\s+ninja\s+turtles?\b"
    # Kodak's Brownie cameras ("a Kodak Baby Brownie camera"); the schoolhouse style of lamp or clock ("a schoolhouse
    # pendant lamp")
    r"|\b(?:kodak\s+)?(?:baby\s+)?brownie\s+(?:cameras?|hawkeye|flash|box\s+cameras?|starflash|reflex)\b"
    r"|\bkodak\s+(?:baby\s+)?brownies?\b"
    r"|\bschool[\s-]?house[\s-]+(?:style\s+)?(?:pendants?|lamps?|lights?|lighting|shades?|clocks?|fixtures?|"
    r"lanterns?)\b"
    # charities named with a child word, said of their shops and signs: "the Kids Company charity shop front, closed",
    # "a Save the Children collection tin" (not "Save the Children feeding a queue of toddlers")
    r"|(?-i:\b(?:Kids\s+Company|Save\s+the\s+Children)\b)\s+(?:[\w-]+\s+)?(?:shops?(?:\s+fronts?)?|shopfronts?|"
    r"stores?|logos?|signs?|posters?|banners?|collection\s+tins?|tins?|buckets?|offices?|headquarters|vans?)\b"
    # a roadside restaurant chain: "a Little Chef sign" (not "a little chef in an apron")
    r"|\blittle\s+chef\s+(?:[\w-]+\s+)?(?:signs?|restaurants?|diners?|caf[eé]s?|breakfasts?)\b"
    # the sitcom and Cliff Richard's film, by what is said of them: "a Young Ones tribute act" (not "two young ones
    # paddling")
    r"|(?-i:\b(?:the\s+|The\s+)?Young\s+Ones\b)(?=\s+(?:tribute|sitcom|episodes?|box[\s-]sets?|DVDs?|cast|reunion|"
    r"fans?|t-shirts?|posters?|actors?|stars?|theme)\b)|\b(?:sitcom|Cliff\s+Richard'?s?)\s+(?:film\s+)?the\s+young\s+ones\b"
    # places whose names begin with a child word: "the Childs Hill branch", "Kidderminster", "Kidsgrove"
    r"|(?-i:\bChilds\s+(?:Hill|Ercall)\b|\bChildwall\b|\bKid(?:derminster|sgrove|lington|welly|brooke)\b)"
    # a firm named for a family: "the Childs & Sons hardware shop", "Jones & Daughters" (not "Father & Son")
    r"|(?-i:\b(?!(?:Father|Dad|Daddy|Mother|Mum|Mom|Mummy|Mommy|Papa|Mama|Grandad|Granddad|Grandpa|Grandma|Nan|"
    r"Granny)\b)[A-Z][a-z']+\s+&\s+(?:Sons?|Daughters?)\b)"
    # things made for children, not children: "a kids' furniture store", "a child safety seat"
    r"|\b(?:kids'?|children's|childrens|child's|childs|child|baby|babies'?)[\s-]+(?:furniture|clothing|clothes|wear|"
    r"menus?|shoes|sleepsuits?|babygrows?|babygros?|onesies|bodysuits?|rompers?|booties|mittens|"
    r"toys?|books?|section|store|stores|shop|shops|book\s*(?:shops?|stores?)|boutiques?|outlets?|department|"
    r"(?:party\s+)?(?:supplies|decorations?|invitations?|favou?rs)|(?:safety\s+|car\s+)?seats?|locks?|monitors?|meals?|"
    r"meal\s+box(?:es)?|lunch\s*box(?:es)?|bowls?|cups?(?!\s+(?:finals?|ties?|matche?s?|games?|semi|run|winners?|"
    r"competitions?|draws?|rounds?))|plates?|beakers?|cutlery|spoons?|toothbrush(?:es)?|toothpaste|"
    r"climbing\s+frames?|playhouses?|sandpits?)\b"
    # the same with a word between, said with the possessive: "a child's cereal bowl", "a kids' plastic cup"
    r"|\b(?:kids'|kid's|children's|child's|baby's|babies')\s+[\w-]+\s+(?:bowls?|cups?|plates?|beakers?|spoons?|"
    r"toothbrush(?:es)?|bottles?|clothes|shoes|boots|toys?|books?|furniture)\b"
    # baby products ("a jar of baby food"; not "kids bottle-feeding a lamb", where the kids are the point)
    r"|\bbaby[\s-]+(?:powder|food|foods|formula|wipes|lotion|shampoo|bottles?)\b(?![\s-]*feed)"
    # what a child made, said with the possessive ("a child's drawing"; "a child drawing" is a child)
    r"|\b(?:kids'|kid's|children's|child's)\s+(?:drawings?|paintings?|scribbles?|artwork|crafts)\b"
    r"|\bchild[\s-]?(?:proof|safe|resistant)\b"
    # a place said to welcome children: "a 'kid-friendly' sticker", "a child-friendly café"
    r"|\b(?:kids?|child|children)[\s-]+friendly\b"
    # sized for children: "a kid-sized table", "child-size chairs"
    r"|\b(?:kids?|child|children|toddler|baby)[\s-]+sized?\b"
    # a children's thing offered for sale: "a kids' pool float for sale", "a girl's bike on sale"
    r"|\b(?:kids'|kid's|children's|childrens|child's|baby's|babies'|boys'|boy's|girls'|girl's)\s+(?:[\w-]+\s+){1,2}"
    r"(?:for|on)\s+sale\b"
    # plants: "baby's breath", "baby's tears"
    r"|\bbaby'?s[\s-]+(?:breath|tears)\b"
    # a vegetable called baby after its name, in a learner's order: "the potatoes baby roasted with rosemary"
    r"|\b(?:potato(?:es)?|carrots?|spinach|corn|leaves|tomato(?:es)?|courgettes?|zucchinis?|aubergines?|beets?|"
    r"beetroots?|onions?|squash(?:es)?|greens|leeks?|turnips?|cucumbers?|peppers?)\s+baby\b"
    # signs: "a 'slow children playing' road sign", "a kids crossing sign", "a boys' club sign" (not sign language)
    r"|\b(?:slow[\s,]+)?(?:children|kids|school\s*children)\s+(?:playing|at\s+play|crossing)[\"']?\s+"
    r"(?:road\s+|warning\s+|traffic\s+|street\s+)?signs?\b"
    r"|\b(?:kids'|kid's|children's|childrens|child's|boys'|boy's|girls'|girl's)\s+(?:[\w-]+\s+){0,2}"
    r"(?:signs?(?!\s+language)|crests?|logos?|emblems?)\b"
    # what a sign says is not who is there: "a sign saying children must be supervised", "a baby on board sticker"
    # (the quoted words, or the words up to "and", "with", a comma or the end: not "... and many kids")
    r"|\bsigns?\s+(?:saying|reading|that\s+(?:says|reads))\s+(?:\"[^\"]*\"|'[^']*'|[^,.;]*?(?=\s+(?:and|with|while|as|"
    r"held|carried)\b|[,.;]|$))|\bbaby\s+on\s+board\b"
    # a quoted title named as a record, film or book: "a 'Boys Don't Cry' vinyl record"; a magazine: "Boys' Own"
    rf"|[\"'].+?[\"']\s+{TITLE_MEDIA}"
    r"|\bboys'?\s+own\b"
    # a young star and what is made for teenagers: "a teen idol poster", "a teen magazine"
    r"|\bteen\s+(?:idols?|heart[\s-]?throbs?|magazines?|pop\s+stars?|dramas?|movies?|films?|series|shows?|novels?|"
    r"fiction|comed(?:y|ies)|sitcoms?)\b"
    # a school's sign, gate or building: "a nursery school sign on a gate"
    r"|\b(?:nursery|primary|elementary|infant|junior|middle|pre-?)[\s-]*schools?\s+(?:signs?|gates?|buildings?|logos?|"
    r"crests?)\b|\bkindergartens?\s+(?:signs?|gates?|buildings?|logos?)\b"
    # an institution's building from outside: "the Children's Museum building exterior"
    r"|\b(?:kids'?|children's|childrens)\s+(?:museum|hospital|library|theat(?:re|er)|charity|cent(?:re|er))s?\s+"
    r"(?:building|buildings|exterior|facade|façade|entrance|sign|signs|logo)\b"
    # scouting things collected: "a boy scout badge collection", "scout memorabilia"
    r"|\b(?:(?:boy|girl|cub)[\s-]+)?scouts?\s+(?:(?:badges?|patch(?:es)?)\s+(?:collections?|displays?|albums?)|"
    r"memorabilia)\b"
    # a scout's things and the Guides' cookies: "a boy scout knife", "girl scout cookies"
    r"|\b(?:boy|girl|cub)[\s-]+scouts?\s+(?:knife|knives|pocket\s*knife|handbook|manual|cookies?|motto)\b"
    # institutions for minors, not minors: "a juvenile detention center", "a juvenile court"
    r"|\bjuvenile\s+(?:detention(?:\s+(?:centers?|centres?|facilit(?:y|ies)|halls?))?|courts?|courthouses?|halls?|"
    r"justice(?:\s+system)?)\b"
    # people and characters called kid: "Kid Rock", "Billy the Kid"
    r"|\bkid\s+(?:rock|cudi|creole|galahad)\b|\bbilly\s+the\s+kid\b|\bbubba\s+(?:gump|watson|wallace)\b"
    # titles: "the Boys Town stage musical", "The Little Prince on a bookshop shelf" (not "our little prince")
    r"|(?-i:\bBoys\s+Town)\s+(?:stage\s+)?(?:musical|film|movie|poster|DVD)s?\b"
    # a car, a song, a TV show, a mousetrap: "a Morris Minor", "a Teenage Kicks tribute band", "the opening titles of Kids
    # Baking Championship", "a Little Nipper mousetrap" (capitalised)
    r"|(?-i:\bMorris\s+Minors?\b|\bTeenage\s+Kicks\b|\bKids\s+Baking\s+Championship\b|\bLittle\s+Nipper\b)"
    # shaped like a child's thing: "the pram-shaped flowerbed"; a sign for a kids' club or corner with nobody said to be
    # there: "a Kids Club sign at a hotel pool", "the Kiddies' Corner stall"
    r"|\b(?:pram|cot|buggy|pushchair|baby|child|teddy)[\s-]+shaped\b"
    r"|\b(?:kids'?|kiddies'?|children's)\s+(?:club|corner|zone|area)\s+(?:signs?|logos?|posters?|banners?|stalls?)\b"
    # novels: "a first edition of Sons and Lovers", "the Little Women first edition" (capitalised; Little Women said of
    # a book, a film or a stage show)
    r"|(?-i:\bSons\s+and\s+Lovers\b)"
    r"|(?-i:\bLittle\s+Women\b)(?=[^.;]*\b(?:books?|novels?|editions?|cop(?:y|ies)|shel(?:f|ves)|covers?|title\s+pages?|"
    r"Alcott|films?|movies?|musicals?|posters?|DVDs?|screenings?|cast|library|bookshops?)\b)"
    r"|(?-i:\bThe\s+Little\s+Prince\b)(?=[^.;]*\b(?:books?|shel(?:f|ves)|cop(?:y|ies)|novellas?|editions?|"
    r"Saint-Exup[ée]ry|bookshops?|library|cover|statue|film|musical|poster)\b)|\ble\s+petit\s+prince\b"
    # a brand named after someone called Kid, capitalised in a lower-case sentence: "a tin of Kid Brooke's toffees"
    r"|(?-i:\b[a-z]+\s+Kid\s+[A-Z][a-z]+'s)\b"
    # an animal's cubs ("lion cubs at a safari camp"); a place for the young as a figure of speech for nature's
    # ("Kindergarten of the Reef"); someone of a decade ("Child of the Sixties"); childish things ("Kid Stuff")
    rf"|\b{_ANIMAL}\s+cubs\b"
    r"|\b(?:kindergartens?|nurser(?:y|ies)|cr[eè]ches?|playgrounds?|schools?)\s+of\s+the\s+(?:reefs?|seas?|oceans?|"
    r"forests?|woods?|jungles?|savannah?s?|plains?|deep|wild|skies|sky|rivers?|marsh(?:es)?|moors?|mountains?|arctic)\b"
    r"|\b(?:child|children|kid|kids|baby|babies)\s+of\s+the\s+(?:(?:19)?[2-9]0'?s|twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties|storms?|sea|seas|sun|moon|stars|night|wind|mountains?|desert|revolution|"
    r"empire)\b|\bkid\s+stuff\b"
    # an animal's orphans and an orphan thing: "orphan lambs", "a sanctuary's elephant orphans", "an orphan drug"
    rf"|\borphans?\s+(?:[\w-]+\s+)?{_ANIMAL}\b|\b{_ANIMAL}\s+orphans?\b"
    r"|\borphan\s+(?:drugs?|diseases?|wells?|works?|lines?|pages?|files?|blocks?|sites?|processes?)\b"
    # a car and a hill: "the Mini Cooper rally", "the Kinder Scout trespass"
    r"|\bmini\s+coopers?\b|\bkinder\s+scout\b"
    # a sitcom: "the Young Ones DVD box set"
    r"|\bthe\s+young\s+ones\b(?=[^.;]*\b(?:dvds?|box\s+sets?|sitcoms?|tv|television|posters?|cast|albums?|records?|"
    r"series|episodes?|vhs|videos?)\b)"
    # the Women's Land Army's land girls and the 1950s Teddy boys were adults; a TV show's cast and a horror film
    r"|\bland\s+girls?\b|\bteddy\s+(?:boys?|girls?)\b|\bkids\s+from\s+fame\b"
    r"|\bchild'?s\s+play\s+(?:posters?|films?|movies?|dvds?|videos?|doll)\b"
    # a name, a promotion, a charity: "a boy's name carved in a tree", "Kids Eat Free", "Toys for Tots"
    r"|\b(?:boy's|girl's|boys'|girls'|baby's|child's|kid's)\s+names?\b|\bbaby\s+names?\b"
    r"|\bkids\s+(?:eat|go|stay|travel)\s+free\b|\btoys\s+for\s+tots\b"
    # brands: "a Kinder egg", "Babybel cheese"
    r"|\bkinder\s+(?:eggs?|surprise|chocolates?|bueno|joy)\b|\bbabybel\b|\bbaby\s+ruth\b|\bbaby\s+driver\b"
    r"|\bkarate\s+kid\b"
    # what children ride, as a thing: "a kids' bike" (not "a kids' bike race", where children ride)
    r"|\b(?:kids'?|children's|childrens|child's|boys'?|girls'?)[\s-]+(?:bikes?|bicycles?|trikes?|tricycles?|"
    r"scooters?|helmets?)\b(?![\s-]+(?:races?|rides?|parades?|lessons?|clubs?|camps?|teams?|training))"
    # a place for children with nobody in it: "an empty children's playground", "a deserted school playground"
    r"|\b(?:empty|deserted|abandoned|vacant|unused)\s+(?:(?:kids'?|children's|childrens|children|school)[\s-]+)?"
    r"(?:playgrounds?|play\s*(?:areas?|parks?|grounds?)|school\s*yards?|parks?|swings?|slides?|classrooms?|"
    r"bedrooms?|rooms?|nurser(?:y|ies)|wards?|pools?|kindergartens?|pre-?schools?|day\s*cares?|nursery\s+schools?|"
    r"primary\s+schools?|elementary\s+schools?|orphanages?)\b"
    # a room for children shown as an interior, or said to be empty: "kids' room interior, empty"
    r"|\b(?:kids'?|children's|childrens|child's|baby's|babies')[\s-]+(?:bed|play)?rooms?,?\s+(?:interiors?|d[ée]cor|"
    r"design|makeover|empty|deserted)\b"
    # children's sizes, and a children's ward with nobody in it: "a kid's size 3 trainer", "a children's ward
    # corridor with no patients"
    r"|\b(?:kids'?|kid's|children's|childrens|child's|toddler|baby)\s+(?:shoe\s+|clothing\s+)?sizes?\s+\d"
    r"|\b(?:kids'?|children's|childrens)[\s-]+(?:wards?|waiting\s+rooms?|corridors?)\b(?=[^.;]*\b(?:no\s+patients|"
    r"no\s*one|nobody|empty|deserted)\b)"
    # a child's play thing with nobody on it: "a child's swing hanging from an oak tree, no one on it"
    r"|\b(?:kids'?|children's|childrens|child's|baby's|toddler)[\s-]+(?:swings?|slides?|see-?saws?|playhouses?|"
    r"trampolines?|climbing\s+frames?|sandpits?|paddling\s+pools?|tables?)\b(?=[^.;]*\b(?:no\s*one|nobody|"
    r"no\s+children|no\s+kids|no\s+guests|empty|unused|deserted|abandoned)\b)"
    # adults who work for children: "a children's entertainer's van", "a children's author signing books"
    r"|\b(?:children's|childrens|kids'?)\s+(?:entertainers?|authors?|illustrators?|writers?|presenters?|magicians?)\b"
    # a youth team's kit or ground with nobody there: "a Little League baseball cap on a hook, nobody around"
    r"|\b(?:little\s+league|junior|youth|kids'?|children's)\s+(?:[\w-]+\s+)?(?:caps?|hats?|jerseys?|shirts?|kits?|"
    r"uniforms?|bats?|gloves?|mitts?|helmets?|trophy|trophies|medals?|pennants?|banners?|fields?|pitch(?:es)?|"
    r"diamonds?|grounds?)\b(?=[^.;]*\b(?:no\s*one|nobody|no\s+people|no\s+players|no\s+children|no\s+kids|empty|"
    r"unused|deserted|abandoned)\b)"
    # furniture for children on show: "a toddler bed in a showroom", "a baby cot in a shop window"
    r"|\b(?:toddler|baby|kids'?|children's|childrens|child's)[\s-]+(?:beds?|cots?|cribs?|bunk\s+beds?|furniture|"
    r"wardrobes?|chairs?|tables?)\s+(?:(?:in|at|on)\s+(?:a|an|the)\s+)?(?:furniture\s+)?(?:showrooms?|shop\s+windows?|"
    r"shop\s+displays?|catalog(?:ue)?s?|warehouses?|trade\s+fairs?)\b"
)
# a decade of adult life: "in their early twenties", "in his 40s"
_DECADE = (r"(?:early\s+|mid[\s-]|late\s+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
           r"[2-9]0'?s)")
# words that name a species within its kind: "a baby harp seal", "a juvenile golden eagle"
_SPECIES_MODIFIER = (r"(?:harp|grey|gray|polar|brown|black|white|red|snow|sea|golden|spotted|striped|pygmy|giant|wild|"
                     r"barn|mountain|river|arctic|african|asian|emperor|king|bald|great|spiny|fur|elephant|snowy|"
                     r"common|little|blue|green|hooded|fallow|roe|sika|red-tailed|humpback|killer|bottlenose|fruit)")
_ADULT_AGE = (r"(?:1[6-9]|[2-9][0-9]|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|"
              r"eighty|ninety)(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?)")
# where an adults' age range may start (in digits or as one word): "aged 18 to 25"
_ADULT_AGE_FROM = r"(?:1[6-9]|sixteen|seventeen|eighteen|nineteen|[2-9][0-9])"
# a birthday of 16 or more: "an 18th birthday", "her twenty-first birthday"
_ADULT_BIRTHDAY = (r"\b(?:(?:1[6-9]|[2-9][0-9])(?:st|nd|rd|th)|sixteenth|seventeenth|eighteenth|nineteenth|"
                   r"twenty[\s-]?first|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)"
                   r"\s+birthday\b")
# jobs only adults hold, named of a relative: "her grandson, a soldier,", "a mother and daughter, both nurses"
_ADULT_JOB = (r"(?:soldier|sailor|marine|airman|pilot|doctor|nurse|surgeon|paramedic|dentist|vet|lawyer|solicitor|"
              r"barrister|judge|police\s*(?:man|men|woman|women|officer)|officer|detective|firefighter|fire(?:man|men)|"
              r"teacher|professor|lecturer|priest|vicar|rabbi|imam|engineer|architect|accountant|banker|chef|mechanic|"
              r"plumber|electrician|builder|farmer|carpenter|journalist|politician|mayor|councillor|veteran)")
# a stretch of words with no other child word in it: "the mother of the groom dancing with her son" (not "... with
# her little grandson and her son")
_NO_CHILD_WORD_BETWEEN = (r"(?:(?!\b(?:little|young|small|baby|babies|grand\w*|nephews?|nieces?|kids?|children|boys?|"
                          r"girls?|toddlers?)\b)[^.;])*?")
# relatives, who may be of any age
_RELATIVE = r"(?:sons?|daughters?|grandsons?|granddaughters?|nephews?|nieces?|brothers?|sisters?)"
# an adult's age said of someone: "is 35", "now 40" (not "is 35 minutes late")
_IS_AN_ADULT_AGE = (rf"(?:is|was|now|turned|turning)\s+(?:now\s+)?(?:aged\s+)?{_ADULT_AGE}\b"
                    r"(?![\s-]*(?:months?|mos?|weeks?|wks?|days?|minutes?|mins?|%|percent|cm|kg|pounds?|lbs?|inches))")
# what says a relative is grown, after "both", "all" or a comma: "both retired", "the NEPHEWS, all middle-aged"
_GROWN_STATE = (r"(?:retired|middle[\s-]aged|elderly|pensioners|gr[ae]y[\s-]haired|white[\s-]haired|in\s+their\s+"
                rf"{_DECADE}|in\s+the\s+(?:army|navy|raf|air\s+force|marines|armed\s+forces|forces|military|police|"
                r"fire\s+service)(?!\s+cadets?))")
# the family words a child word may be, when said of an adult
# (a stepchild or godchild as well: "my stepdaughter, 20,")
_FAMILY = (r"(?:(?:step|god)[\s-]?)?(?:son|sons|daughter|daughters|child|children|kids?|grandsons?|granddaughters?|"
           r"grandchild|grandchildren|nephews?|nieces?|twins|brothers?|sisters?|boys?|girls?)")
# a sixth form's ball or prom, whose pupils are 16 to 18: "the sixth-form leavers' ball", "their sixth-form formal"
_SIXTH_FORM_DANCE = (r"\bsixth[\s-]?form(?:ers)?'?s?\s+(?:leavers'?\s+)?(?:balls?|proms?|formals?|dances?|discos?)\b")
# What a child word means something else in: an adult relative, the young of animals, the things above,
# paddling pools and fairground rides, women's nights out.
_EXCLUSIONS = re.compile(
    r"\b(?:adult|grown|grown[\s-]up|married|middle[\s-]aged|elderly|retired|widowed|divorced)\s+"
    r"(?:step[\s-]?|god[\s-]?|(?:great[\s-])+)?(?:son|sons|daughter|"
    r"daughters|children|"
    r"child|kids|grandson|grandsons|granddaughter|granddaughters|grandchildren|grandkids|nephew|nephews|niece|nieces|"
    r"siblings|twins|brothers?\s+and\s+sisters?)\b"
    # a family word with an adult's age after it, between commas or in brackets: "my daughter (32)", "a son, 35,"
    rf"|\b{_FAMILY}\s*[,(]\s*(?:all\s+|both\s+)?(?:aged\s+|now\s+)?(?:{_ADULT_AGE}\+?|[2-9]0'?s)\s*(?:[,)]|$)"
    # an adult's age or adulthood after a relative, in a learner's order or a metadata field: "the son of 25 years",
    # "my nephew of 30 years", "the son adult", "the granddaughter adult", "siblings (all adults)"
    rf"|\b{_FAMILY}\s+of\s+(?:about\s+)?{_ADULT_AGE}(?:\s+(?:years?|yrs?))?\b(?!\s*(?:months?|weeks?|days?))"
    rf"|\b(?:{_RELATIVE}|siblings|grandchildren)\s+(?:adults?|grown)\b"
    # an adult's decade as the last word of a search, after a relative: '"mother-daughter" spa "30s"' (not "kids in
    # the 80s")
    rf"|\b{_FAMILY}\b(?=[^.;]*?(?<!\bthe)\s+[2-9]0'?s\W*$)"
    rf"|\b(?:{_FAMILY}|siblings)\s*\(\s*(?:all\s+|both\s+)?(?:adults?|grown[\s-]?ups?|grown(?:[\s-]up)?)(?:\s+now)?\s*\)"
    # a relative with an adult's job or post now, in brackets: "the founder and his daughter (now MD)", "my son (now a
    # vet)"
    rf"|\b(?:{_RELATIVE}|twins|siblings)\s*\(\s*now\s+(?:an?\s+|the\s+)?(?:{_ADULT_JOB}s?|MD|CEO|managing\s+director|"
    r"director|chair(?:man|woman)?|partners?|owners?|boss|head|managers?)\s*\)"
    # a relative said to be grown between commas: "the treasurer's grandchildren, all adults now" (not "kids, adults
    # and pets", where nothing says the kids are grown)
    r"|\b(?:sons?|daughters?|grandsons?|granddaughters?|grandchildren|grandkids|nephews?|nieces?|twins|siblings|"
    r"cousins),\s+(?:all|both|now)\s+(?:adults|grown[\s-]?ups)\b"
    # the son or daughter of someone 70 or more, or of a couple married fifty years or more: "Obituary photo: Arthur,
    # 94, with his son Ray", "Golden wedding notice: Jean and Ray, pictured with their daughter" (not their grandchildren)
    rf"|\b(?:aged\s+)?(?:[7-9][0-9]|10[0-9])\s*,?\s+(?:[\w']+\s+){{0,3}}?(?:his|her|their)\s+(?:sons?|daughters?)\b"
    rf"(?!\s*[,(]?\s*(?:aged\s+)?{_UNDER_16}\b)"
    rf"|\b(?:golden|diamond|sapphire|platinum)\s+(?:wedding|anniversary)\b{_NO_CHILD_WORD_BETWEEN}\b(?:their|his|her)\s+"
    r"(?:sons?|daughters?)\b"
    # someone once a child who is now at college or university: "the girl from number 4, now at college" (not "now at
    # nursery")
    rf"|\b{_FAMILY}\b(?:\s+[\w'-]+){{0,4}},?\s+now\s+(?:at|in\s+(?:her|his|their)\s+(?:first|second|third|final)\s+"
    r"year\s+at)\s+(?:college|uni|university)\b"
    # a family whose youngest is named by an adult age: "a grandmother, her daughter and granddaughter, the youngest 30"
    rf"|\b{_FAMILY}\b(?=[^.;]*\bthe\s+youngest(?:\s+(?:is|now|aged|being))?\s*,?\s*{_ADULT_AGE}\b"
    r"(?![\s-]*(?:months?|weeks?|days?)))"
    # a relative's 16th-or-later birthday said before them: "the 21st birthday party of our newsreader's son" ("the
    # 18th birthday party for my son and his little sister" keeps the sister)
    rf"|{_ADULT_BIRTHDAY}(?:\s+(?:party|parties|celebrations?|bash|do|dinner|meal|cake|drinks))?\s+(?:of|for)\s+"
    rf"(?:[\w']+\s+){{0,3}}?{_RELATIVE}\b"
    # what grown-ups did when they were children, said of a place: "the holiday camp they went to as kids", "the beach
    # we played on as children" (not "a photo of us as kids", which shows them then)
    r"|\b(?:they|we|he|she|I|you)\s+(?:(?:all|both|first|once|always|often)\s+)?(?:went|used\s+to\s+go|came|played|"
    r"holidayed|stayed|camped|swam|fished|sledged|visited|spent\s+summers)\b(?:\s+[\w']+){0,3}?\s+as\s+(?:kids|children|"
    r"boys|girls|youngsters|nippers|a\s+(?:kid|child|boy|girl))\b"
    # a youth body whose members are named as adults by age: "young adults aged 18 to 25 for the youth council", "the
    # youth club committee, ages 18-25"
    rf"|\b(?:young\s+(?:adults|people)\s+)?aged\s+{_ADULT_AGE_FROM}\s*(?:to|-|–)\s*"
    rf"{_ADULT_AGE}\b(?:\s+(?:for|in|on|at|to|join|joining|the|a|our|local|town|city|county|district|new))*\s+"
    r"youth\s+(?:councils?|parliaments?|forums?|boards?|panels?|committees?)\b"
    rf"|\byouth\s+(?:councils?|parliaments?|forums?|boards?|panels?|committees?)\b(?=[^.;]*\bages?d?\s+"
    rf"{_ADULT_AGE_FROM}\s*(?:to|-|–)\s*{_ADULT_AGE}\b)"
    # teenagers aged 16 or more ("Teenage Girls Aged 18 At Prom Night"): the age said makes them no children
    rf"|\b(?:teenage\s+|teen\s+)?(?:{_FAMILY}|teens|teenagers?)\s+(?:all\s+|both\s+)?aged\s+{_ADULT_AGE}\b"
    r"(?![\s-]*(?:months?|mos?|weeks?|wks?|days?|and\s+(?:under|below|younger)))"
    # both grown: "father and son, both retired", "a father and son, both in their fifties", "mother and daughter
    # robes, both women in their forties"
    rf"|\b{_FAMILY}\b(?=[^.;]*,?\s+both\s+(?:(?:grown\s+)?(?:women|men|adults)\s+)?(?:{_GROWN_STATE}|"
    rf"grown(?:[\s-]up)?|adults?|married|bald|pregnant|{_ADULT_JOB}s?)\b)"
    # in an adult's work uniform: "a grandson in his police uniform"
    rf"|\b{_RELATIVE}\s+in\s+(?:his|her|their)\s+(?:police|army|navy|air\s+force|military|nurse's|nurses'|nursing|"
    r"pilot's|firefighter's|fire\s+service|work)\s+uniforms?\b"
    # children said to be absent: "a beach with no children", "a no kids allowed sign", "adults only, no kids"
    r"|\b(?:no|without|zero)\s+(?:children|kids|kiddies|child|babies|toddlers|minors|under[\s-]*1[68]s)\b"
    r"(?!\s+(?:of|in|on|at|from)\s+(?:his|her|their|my|our|your)\b)"
    # adults called girls and boys: "college girls", "girls in their twenties", "the boys in their 40s"
    r"|\b(?:college|university|uni|sorority|fraternity|office|career)\s+(?:girls|boys|kids)\b"
    # the women of a stage's chorus: "chorus girls", "Girls of the chorus line, Folies Bergère"
    r"|\b(?:chorus|cancan|can-can|burlesque|cabaret|revue)\s+girls\b"
    r"|\bgirls\s+of\s+the\s+(?:chorus|cancan|can-can|burlesque|cabaret|revue|music\s+hall|folies)\b"
    # of an age to be at college: "her college-age daughter", "university-aged sons"
    rf"|\b(?:college|university|uni)[\s-]*aged?\s+(?:step[\s-]?|god[\s-]?)?{_FAMILY}\b"
    r"|\b(?:girls?|boys?|kids|lads|lasses|twins|siblings|sons?|daughters?|brothers?|sisters?|nephews?|nieces?|"
    rf"grandsons?|granddaughters?|children)\s+(?:all\s+|both\s+|now\s+)?in\s+(?:their|his|her)\s+{_DECADE}\b"
    rf"|\b(?:baby|babies|infant|newborn|juvenile|juveniles|kid|young|little|tiny)\s+(?:{_SPECIES_MODIFIER}[\s-]+)?"
    rf"{_ANIMAL}\b"
    rf"|\b{_ANIMAL},?\s+(?:baby|babies|infants?|newborns?|youngsters?|juveniles?)\b"
    r"|\b(?:goat|goats|billy\s+goat)\s+kids?\b"
    r"|\bkid\b(?=\s+(?:[\w'-]+\s+){0,3}its\s+(?:mother|mum|mom|dam|nanny)\b)"
    # an animal that had young: "our goat had two kids this morning", "the sow gave birth to twelve babies" (not "the
    # goat had kids climbing on it")
    rf"|\b{_ANIMAL}\s+(?:had|has|gave\s+birth\s+to|delivered)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\d{1,2})\s+(?:twin\s+|triplet\s+)?(?:kids|babies|young|twins|triplets)|twins|triplets)\b"
    # the swallow is not on the animal list (a verb too): "baby swallows gaping for food", not "a baby swallows it"
    # nor the mole (a mark on the skin too): "a baby mole in a gardener's hand"
    r"|\b(?:baby|babies|young|juvenile)\s+moles\b|\b(?:a|the)\s+(?:baby|young|juvenile)\s+mole\b"
    # nor the robin (a name too), in lower case: "a baby robin on my glove" (not "baby Robin's christening")
    rf"|(?-i:\b{_LOWER_CASE_ROBIN})"
    r"|\b(?:baby|babies|young|juvenile|fledgling)\s+(?:barn\s+)?swallows\b(?!\s+(?:a|an|the|his|her|its|their|"
    r"some|it|them|down|hard|food|water|milk)\b)"
    # an animal mother's young: "a mother duck with her babies", "a nanny goat with her two kids", "a mother
    # orangutan and her infant"
    rf"|\b{_ANIMAL}\s+(?:and|with)\s+(?:her|his|its|their)\s+(?:[\w-]+\s+)?(?:babies|baby|(?:little|tiny|wee)\s+ones?|"
    r"young'?uns?|young\s+ones?|infants?|newborns?|kids?|young)\b"
    # a relative's own wedding says they are grown: "wedding photos of their son", "their daughter's engagement party"
    r"|\b(?:son|sons|daughter|daughters|grandson|grandsons|granddaughter|granddaughters|nephews?|nieces?)(?:'s|s')\s+"
    r"(?:own\s+)?(?:wedding|engagement|stag|hen|honeymoon)\b"
    r"|\b(?:wedding|engagement)\s+(?:photos?|pictures?|albums?|videos?)\s+of\s+(?:their|his|her|my|our)\s+(?:son|sons|"
    r"daughter|daughters|grandson|granddaughter|nephew|niece)\b"
    # a relative with a spouse is grown: "their grown sons and the sons' wives", "her son's wife"
    r"|\b(?:son|sons|daughter|daughters|grandson|grandsons|granddaughter|granddaughters|nephews?|nieces?)"
    r"(?:'s|s'|')?\s+(?:wives|wife|husbands?|fianc[ée]e?s?|spouses?|girlfriends?|boyfriends?)\b"
    rf"|{_THING_LOOKALIKES}"
    r"|\bkiddie\s+(?:pool|pools|ride|rides)\b"
    # the birthday girl or boy of a 16th-or-later birthday: "eighteenth birthday party, the birthday girl"
    rf"|{_ADULT_BIRTHDAY}[^.;]*?\bbirthday\s+(?:girls?|boys?)\b"
    rf"|\bbirthday\s+(?:girls?|boys?)\b(?=[^.;]*{_ADULT_BIRTHDAY})"
    # a school's former pupils: "an old boys rugby reunion", "the old girls' association" (not "a 6 year old boy")
    r"|(?<!year\s)(?<!year-)(?<!years\s)(?<!yr\s)(?<!yrs\s)(?<!month\s)(?<!month-)(?<!months\s)(?<!week\s)"
    r"(?<!week-)(?<!weeks\s)(?<!day\s)(?<!day-)(?<!days\s)(?<!yo\s)\bold\s+(?:boys|girls)'?(?=\s+(?:rugby|cricket|"
    r"football|hockey|golf|reunions?|dinners?|association|network|clubs?|teams?|matche?s?|day|lunch(?:eon)?s?))"
    r"|\bgirls'?\s+(?:night|nite|trip|weekend|getaway)(?:\s+out)?\b"
    r"|\b(?:son|sons|daughter|daughters)[\s-]+in[\s-]+law\b"
    rf"|\b(?:twenty|thirty|forty|fifty|sixty)[\s-]?something\s+{_FAMILY}\b"
    # grown, or grown into an adult's job: "grandchildren, all grown up", "a daughter, now a pilot" ("my son, now a
    # toddler" keeps its toddler)
    rf"|\b(?:{_FAMILY}|siblings|cousins)\b(?:\s+[\w'-]+){{0,2}},?\s+(?:all\s+|now\s+)?grown(?:[\s-]up)?\b"
    rf"|\b{_FAMILY},?\s+now\s+(?:a|an)\b"
    # a relative named by an adult's job between commas: "her grandson, a soldier, at a parade"
    rf"|\b(?:{_RELATIVE}|twins),\s+(?:a|an)\s+(?:{_ADULT_AGE}[\s-]+years?[\s-]+old\s+|"
    r"(?:twenty|thirty|forty|fifty|sixty|[2-6]0)[\s-]?something\s+)?"
    r"(?:(?:retired|qualified|serving|practising|practicing|senior|army|navy|police|hospital|family|head)\s+)?"
    rf"{_ADULT_JOB}s?\s*(?:,|\.|$)"
    # or as a grown woman or man, or grown, between commas: "Enter the DAUGHTER, a woman of thirty", "her son, a
    # grown man,", "the NEPHEWS, all middle-aged," (not "her son, a man of five" in play)
    rf"|\b(?:{_RELATIVE}|twins|siblings|cousins),\s+(?:a|an)\s+(?:grown(?:[\s-]up)?\s+|young\s+|middle[\s-]aged\s+|"
    rf"elderly\s+|old\s+)?(?:woman|man|lady|gentleman)\b(?!\s+of\s+(?:about\s+)?{_UNDER_16}\b)"
    rf"|\b(?:{_RELATIVE}|twins|siblings|cousins),\s+(?:all\s+|both\s+|now\s+)?{_GROWN_STATE}\b"
    # or an adult's age alone: "her grandson, a 30-year-old, ..."
    rf"|\b(?:{_RELATIVE}|twins),\s+(?:a|an)\s+{_ADULT_AGE}[\s-]+years?[\s-]+old\b(?![\s-]+(?:boys?|girls?|kids?))"
    # their own birthday of 18 or more: "twins celebrating their 70th", "a son at his 21st"
    rf"|\b{_FAMILY}\b(?=.*\b(?:his|her|their)\s+(?:1[89]th|[2-9][0-9](?:st|nd|rd|th)|eighteenth|nineteenth|"
    r"twenty-?first|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b"
    r"(?!\s+(?:wedding\s+)?anniversar))"
    # grown-ups' races at an office or a parents' sports day: "staff egg-and-spoon race" (not the children's)
    r"|\b(?:staff|office|teachers'?|parents'?|mums'?|mums|dads'?|adults'?|workplace|company|corporate)\s+(?:[\w-]+\s+)?"
    r"(?:egg[\s-]+and[\s-]+spoon|sack\s+race|three[\s-]+legged\s+race|sports\s+day)\b"
    # the girls or lads of a hen or stag do ("hen do review: the girls in sashes")
    rf"|\b(?:hen|stag)\s+(?:do|dos|party|parties|night|weekend)\b{_NO_CHILD_WORD_BETWEEN}\b(?:girls|lads|boys)\b"
    # a relative's own 16th or later said with the possessive: "my niece's 18th at the pub"
    rf"|\b(?:{_RELATIVE}|cousins?|twins?)'s?\s+(?:1[6-9]th|[2-9][0-9](?:st|nd|rd|th)|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twenty-?first|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b"
    r"(?!\s+(?:wedding\s+)?anniversar)"
    # young men and women out for the night: "young lads on a night out", "the girls at a nightclub"
    r"|\b(?:young\s+)?(?:lads|girls|boys)\b(?=.*\b(?:night\s+out|pub\s+crawl|nightclub|night\s+club)\b)"
    # grown children over a drink: "a dad and his son sharing a pint", "a dad and his son having a yarn at the pub"
    # (a pub garden is where families with children sit)
    r"|\b(?:son|sons|daughter|daughters|brothers?|sisters?)\b(?=.*\b(?:sharing|drinking|having|over)\s+(?:a\s+)?"
    r"(?:pints?|beers?|whiske?y|wine|glass\s+of\s+wine|cocktails?)\b(?!\s+of\s+(?:milk|juice|water|squash)))"
    r"|\b(?:son|sons|daughter|daughters|brothers?|sisters?)\b(?=.*\b(?:at|in|down)\s+(?:the|a|their|his|her)\s+"
    r"(?:local\s+)?(?:pub|bar|wine\s+bar|cocktail\s+bar|brewery|taproom)\b(?!\s+(?:garden|playground|play\s+area)))"
    # grown children at a parent's 60th birthday or later: "a son treating his mother on her 70th birthday", "a
    # daughter at her father's 80th"
    r"|\b(?:son|sons|daughter|daughters)\b(?=.*\b(?:his|her|their)\s+(?:(?:mother|father|mum|mom|dad|parents)'s?\s+)?"
    r"(?:[6-9]0th|sixtieth|seventieth|eightieth|ninetieth)(?:\s+birthday)?\b)"
    # or the parent's birthday named first: "dad's 70th at the golf club, his daughters giving a speech"
    r"|\b(?:mother|father|mum|mom|dad|mum\s+and\s+dad|parents)'s?\s+"
    r"(?:[6-9]0th|sixtieth|seventieth|eightieth|ninetieth)"
    rf"(?:\s+birthday)?\b{_NO_CHILD_WORD_BETWEEN}\b(?:his|her|their)\s+(?:sons?|daughters?)\b"
    # an event for over-18s: "mum and daughter pamper evening, 18+"
    r"|\b(?:son|sons|daughter|daughters|brothers?|sisters?)\b(?=[^.;]*(?:\b18\s*\+|\bover[\s-]*18s?\b|"
    r"\b(?:adults?|over[\s-]*18s?)[\s-]+only\b))"
    r"|\bboy[\s-]+racers?\b"
    # grown children at their own wedding: "a father giving his daughter away at the altar", "a son into his
    # wedding suit" (not "a flower girl walking down the aisle")
    r"|\b(?:son|sons|daughter|daughters)\b(?=.*\b(?:at\s+the\s+altar|down\s+the\s+aisle|(?:his|her)\s+wedding\s+"
    r"(?:suit|dress|gown|day|vows)|(?:his|her)\s+(?:bride|groom|fianc[eé]e?)|giv(?:e|es|ing)\s+(?:his|her)\s+"
    r"(?:son|daughter)\s+away)\b)|\bgiv(?:e|es|ing)\s+(?:his|her)\s+(?:son|daughter)\s+away\b"
    # their own wedding said of them ("a father's speech at his daughter's wedding"), and the groom's mother with
    # her son, the bride's father with his daughter (not when another child word stands between)
    r"|\b(?:son|sons|daughter|daughters)'s?\s+(?:wedding|engagement|hen\s+(?:do|party|night)|stag\s+(?:do|party|"
    r"night))\b"
    rf"|\b(?:mother|father|mum|mom|dad|parents)\s+of\s+the\s+groom\b{_NO_CHILD_WORD_BETWEEN}\b(?:her|his|their)\s+son\b"
    rf"|\b(?:mother|father|mum|mom|dad|parents)\s+of\s+the\s+bride\b{_NO_CHILD_WORD_BETWEEN}\b(?:her|his|their)\s+"
    r"daughter\b"
    # young sportspeople at a university: "young athletes at a university track meet"
    r"|\byoung\s+(?:athletes?|runners?|swimmers?|footballers?|soccer\s+players?|skaters?|skiers?|dancers?|"
    r"gymnasts?)\s+(?:at|from|of|in)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:university|college|varsity)\b"
    # grown relatives away in the forces or at college: "a son home from the army", "a daughter in the navy"
    rf"|\b{_RELATIVE}\s+(?:(?:home|back)\s+)?(?:from|in)\s+(?:the\s+(?:army|navy|air\s+force|marines|military)|college|"
    r"university|uni)\b"
    # the young of an animal group: "a youngster of a gorilla troop" (not "youngsters from the cub pack")
    rf"|\b(?:baby|babies|youngsters?|juveniles?|little\s+ones?|young'?uns?|infants?)\s+(?:of|from)\s+"
    rf"(?:(?:a|an|the|its|their|her)\s+)?(?:[\w-]+\s+)?{_ANIMAL}\b(?![\s-]+(?:packs?|scouts?|dens?|leaders?))"
    # adults named by an adult age or a workplace: "his thirty-year-old son", "the girls from the office"
    rf"|\b{_ADULT_AGE}[\s-]*(?:years?|yrs?)[\s-]*old\s+{_FAMILY}\b"
    r"|\bthe\s+(?:girls|boys|lads)\s+(?:from|at)\s+(?:the\s+)?(?:office|work)\b"
    # an elderly or retired parent's children are grown: "a retired mother and her daughter"
    # (with or without the possessive: "a daughter and elderly father walking arm in arm")
    r"|\b(?:retired|elderly|aged|ageing|aging)\s+(?:mother|father|mom|mum|dad|parents?)\s+(?:and|with)\s+"
    r"(?:(?:her|his|their)\s+(?:son|sons|daughter|daughters|children|kids)|son|sons|daughter|daughters)\b"
    r"|\b(?:son|sons|daughter|daughters)\b(?=.*\b(?:his|her|their|and|with)\s+(?:(?:an?|the)\s+)?(?:retired|elderly|"
    r"aged|ageing|aging|frail)\s+(?:mother|father|mom|mum|dad|parents?)\b)"
    # women and men at a hen or stag party: "the girls celebrating a hen party"
    r"|\b(?:girls|boys|lads)\b"
    r"(?=.*\b(?:(?:hen|stag)\s+(?:party|parties|do|night|weekend)|bachelorette|bachelor\s+party)\b)"
    r"|\bbaby[\s-]?faced?\b|\b(?:boyish|girlish|childish)\b"
    # the yoga pose: "a child's pose yoga class for office workers"
    r"|\bchild(?:'?s)?\s+pose\b"
    # names and a building: a roadside chain, a singer, a youth group's old hall, a statue of the infant Jesus
    r"|(?-i:\bthe\s+Little\s+Chef\b|\bBoy\s+George\b)"
    r"|\b(?:boys'?|girls'?)\s+brigade\s+(?:halls?|huts?|buildings?|headquarters)\b"
    r"|\binfant\s+(?:of\s+prague|jesus)\b"
    # a pet's birthday: "our puppy's first birthday cake"
    rf"|\b{_ANIMAL}(?:'s|s')?\s+{_ORDINAL_UNDER_16}\s+birthday\b"
    # grown children: at university ("the kids home from uni", "my daughter's graduation from Leeds", not "from
    # nursery"), at a sixth form, or with an adult's age at the end ("our nephew's passing out parade at 18")
    r"|\b(?:kids|children)\s+(?:home|back)\s+from\s+(?:college|university|uni)\b"
    rf"|\b{_FAMILY}'?s?\s+(?:(?:university|college|uni)\s+graduation|graduation\s+(?:from|at)\s+"
    r"(?!(?:the\s+|her\s+|his\s+)?(?:nursery|pre-?schools?|pre-?k|kindergarten|primary|elementary|infant|junior|middle|reception|montessori|"
    r"playgroup|year|grade|\d)))"
    r"|\b(?:girls|boys|lads|lasses|kids)\s+(?:at|in|from|of)\s+(?:the\s+|their\s+|our\s+)?sixth[\s-]?form\b"
    # and the girls or boys of a sixth form's ball or prom named after it ("the sixth-form leavers' ball, 1985, the
    # girls in taffeta"; not "the little girls")
    rf"|{_SIXTH_FORM_DANCE}[^.;]{{0,40}}?(?<!little\s)(?<!small\s)(?<!young\s)\b(?:girls|boys|lads|lasses)\b"
    # a relative at a sixth form's ball or prom: "DS and his girlfriend at their sixth-form formal"
    rf"|\b{_FAMILY}\b(?=[^.;]*{_SIXTH_FORM_DANCE})"
    rf"|\b{_FAMILY}(?:'s)?\b(?=[^.;]*\bat\s+(?:age\s+)?{_ADULT_AGE}\s*(?:[,.;)!]|$))"
    # adults at a playground game or play place: "adults playing tag", "office workers playing hide and seek"
    r"|\b(?:adults?|grown[\s-]?ups|men|women|ladies|guys|colleagues|co-?workers|office\s+workers|employees|"
    rf"couples?|seniors|pensioners)\s+{_CHILD_PLAY}\b"
    # aged drinks and foods: "a 12 year old single malt", "cheddar aged 15 months"
    rf"|\b{_UNDER_16}[\s-]*(?:years?|yrs?|months?)[\s-]*(?:old\s+)?(?:single[\s-]+malts?|scotch|whiske?y|bourbon|"
    r"rum|cognac|brandy|port|wines?|cheddar|cheeses?|parmesan|gouda|balsamic)\b"
    # an animal's age: "a 12 week old puppy", "a six-month-old Hereford", "a puppy, 12 weeks old" (not "a 7 year old
    # pony rider", nor the child beside it: "a boy and his 8 week old puppy" keeps its boy)
    rf"|{_AGE_START}(?:\d{{1,3}}|{_NUMBER_WORDS}){_AND_A_HALF}[\s-]*(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)"
    rf"[\s-]*old\s+(?:[\w-]+\s+)?{_ANIMAL}\b(?![\s-]+(?:riders?|owners?|lovers?|walkers?|handlers?|trainers?|"
    r"sitters?|keepers?|clubs?|party|parties|shows?|rides?|camps?))"
    rf"|\b{_ANIMAL},?\s+(?:aged\s+)?(?:\d{{1,3}}|{_NUMBER_WORDS}){_AND_A_HALF}[\s-]*(?:years?|yrs?|months?|mos?|"
    r"weeks?|wks?|days?)(?:[\s-]*old)?\b"
    # a grown relative by the age said of them, there or further on: "son is 35", "father and son golf trip, son is
    # 35"
    rf"|\b{_FAMILY}\s+(?:(?:who|that)\s+)?{_IS_AN_ADULT_AGE}"
    rf"|\b{_FAMILY}\s+who's\s+(?:now\s+)?{_ADULT_AGE}\b(?![\s-]*(?:months?|mos?|weeks?|wks?|days?))"
    rf"|\b(?P<aged_relative>{_FAMILY})\b(?=[^.;]*\b(?P=aged_relative)\s+{_IS_AN_ADULT_AGE})"
    # a grown child of a parent who is old enough to need care: "a daughter helping her mother move into sheltered
    # housing", "a son fitting his dad's stairlift" (not with a grandparent, whose grandchildren may be small)
    r"|\b(?:son|sons|daughter|daughters)\b(?=(?:(?!\bgrand)[^.;])*\b(?:his|her|their)\s+(?:mother|father|mum|mom|"
    r"dad|parents?)(?:'s)?\b(?:(?!\bgrand)[^.;])*\b(?:sheltered\s+(?:housing|accommodation|flat)|care\s+home|"
    r"nursing\s+home|retirement\s+(?:home|village|flat|community)|hearing\s+aids?|stair[\s-]?lift|zimmer|"
    r"walking\s+frame|mobility\s+scooter)s?\b)"
    # only adults have tattoos done, so matching ones name grown relatives: "a mother and daughter's matching tattoos"
    r"|\b(?:son|sons|daughter|daughters|brothers?|sisters?|siblings|twins)\b(?=[^.;]*\bmatching\s+tattoos?\b)"
    r"|\b(?:single[\s-]+malts?|scotch|whiske?y|bourbon|rum|cognac|brandy|port|wines?|cheddar|cheeses?|parmesan|"
    r"gouda|balsamic|beef|steaks?|hams?)\s+(?:\w+\s+)?aged\s+\w+(?:[\s-]+(?:years?|yrs?|months?|weeks?|days?))?",
    re.IGNORECASE,
)


def _word_pattern(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")


CHILD_PATTERN = re.compile(
    r"\b(?:" + "|".join(_word_pattern(w) for w in sorted(CHILD_WORDS, key=len, reverse=True)) + r")\b|"
    + "|".join(CHILD_PATTERNS),
    re.IGNORECASE,
)


# What a baby rides, sleeps in or wears, a small child's bike, a nursing mother and a wedding's ring bearer say a
# child is there ("a mother pushing a stroller", "a nappy change", "a bike with training wheels", "mum breastfeeding in
# a cafe") — unless an animal is named ("a pug in a stroller", "the couple's dog as ring bearer").
# Gear whose name says "baby" counts only as gear: its "baby" is not read as a child word ("a baby gate").
_GEAR_NAMED_BABY_WORDS = r"baby[\s-]?gates?"
_BABY_GEAR = re.compile(r"\b(?:strollers?|prams?|pushchairs?|bassinets?|playpens?|high[\s-]?chairs?|"
                        rf"{_GEAR_NAMED_BABY_WORDS}|"
                        r"christening\s+(?:gowns?|robes?|dress(?:es)?)|training\s+wheels|stabili[sz]ers|water\s+wings|"
                        r"sippy\s+cups?|shape\s+sorters?|breast[\s-]?feed(?:s|ing)?|ring[\s-]?bearers?|"
                        r"swaddl(?:ed|ing)|teething\s+(?:rattles?|rings?|toys?)|leading[\s-]strings|"
                        # a dummy on its clip, a mobile over a cot, mittens on a string ("a dummy in a clip by the
                        # bench"; not "a ventriloquist's dummy", "a camping cot")
                        r"dumm(?:y|ies)\s+(?:in|on|with)\s+(?:a\s+|its\s+|the\s+)?clips?|dummy[\s-]+clips?|"
                        # a teether, a dribble bib
                        r"teethers?|dribble[\s-]+bibs?|"
                        r"cot\s+(?:mobiles?|with\s+(?:a\s+|its\s+)?mobile)|mobiles?\s+(?:over|above)\s+(?:a\s+|the\s+|her\s+|"
                        r"his\s+)?cot|mittens?\s+on\s+(?:a\s+)?strings?|"
                        # a buggy, as British parents call a pushchair (not a golf, beach, dune or moon buggy, nor a
                        # horse and buggy)
                        r"(?<!golf\s)(?<!golf-)(?<!beach\s)(?<!dune\s)(?<!moon\s)(?<!sand\s)(?<!swamp\s)(?<!baja\s)"
                        r"(?<!horse\sand\s)(?<!horse-drawn\s)(?<!amish\s)(?<!mobility\s)(?<!quad\s)bugg(?:y|ies)"
                        r"(?!\s+(?:rides?|racing|races?|tours?|software|code|apps?|builds?|whips?))|"
                        r"(?:nappy|diaper)[\s-]+(?:changes?|changing)|"
                        r"changing\s+(?:a\s+|the\s+)?(?:nappy|nappies|diapers?)|"
                        r"in\s+(?:a\s+|his\s+|her\s+|their\s+)?(?:nappy|nappies|diapers?))\b",
                        re.IGNORECASE)
_GEAR_NAMED_BABY = re.compile(rf"\b{_GEAR_NAMED_BABY_WORDS}\b", re.IGNORECASE)
# Baby gear as goods: "a second-hand pushchair for sale", "an empty pram", "a cot mobile in a shop" — no child is
# said to be there.
_GEAR_AS_GOODS = re.compile(r"\b(?:for|on)\s+sale\b|\bsecond[\s-]?hand\b|\bempty\b|\bshowrooms?\b|\bshop\s+windows?\b|"
                            r"\b(?:in|at)\s+(?:a|the)\s+(?:shop|store)\b|"
                            r"\bcatalog(?:ue)?s?\b", re.IGNORECASE)
# Not animals, so they do not keep a query from the semantic check: youth groups named after animals ("beaver
# scouts", "the cub pack", "a scout leader with the cubs"; "a beaver colony", "a cub's den" and "wolf cubs" stay
# animals), toy animals and animal costumes ("a stuffed rabbit", "rubber ducks", "a dog costume").
_ANIMAL_NAMED_GROUPS = re.compile(r"\b(?:beaver|cub)s?[\s-]+(?:scouts?|leaders?)\b|\bcub\s+packs?\b"
                                  r"|\b(?:stuffed|toy|soft|cuddly|plush|knitted|wooden|rocking|rubber|inflatable|"
                                  rf"cardboard|paper|chocolate|origami)\s+{_ANIMAL}\b"
                                  rf"|\b{_ANIMAL}\s+(?:costumes?|onesies?)\b"
                                  r"|\bscout\s+leaders?\s+(?:\w+\s+){0,4}(?:the\s+)?cubs\b|\bcubs\s+and\s+scouts\b"
                                  # playground climbing bars; the cubs of a scout troop ("#scouting cubs")
                                  r"|\bmonkey[\s-]+bars\b|\bscout(?:s|ing)?\s+cubs\b"
                                  rf"|{_CUB_PACK}"
                                  rf"|{_BEAVER_SCOUT_COLONY}",
                                  re.IGNORECASE)


# Misspelt child words ("todler", "childern", "kindergarden"): one letter added, dropped, changed or two
# swapped in a long word that says child. Only words of seven letters or more, and none that is one letter
# from a common word ("daughter" / "laughter" is left out).
_SPELLED_CHILD_WORDS = ("toddler", "toddlers", "children", "kindergarten", "kindergartens", "kindergartner",
                        "kindergartners", "kindergartener", "kindergarteners", "preschool", "preschooler",
                        "preschoolers", "schoolchild", "schoolchildren", "teenager", "teenagers", "youngster",
                        "youngsters", "newborn", "newborns", "grandchildren", "schoolboy", "schoolboys", "schoolgirl",
                        "schoolgirls")


def _two_letters_swapped(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


def _one_edit_away(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = _two_letters_swapped(word)
    changed = {a + c + b[1:] for a, b in splits if b for c in letters}
    added = {a + c + b for a, b in splits for c in letters}
    return dropped | swapped | changed | added


# Shorter child words are too close to other words for any one-letter change ("child" / "chili", "girls" /
# "gills"), but two letters swapped is a slip of the fingers that makes no English word: "chlid", "daugther",
# "neices".
_SWAPPED_CHILD_WORDS = ("child", "childs", "babies", "girls", "infant", "infants", "nephew", "nephews", "niece",
                        "nieces", "pupils", "daughter", "daughters", "tweens", "kiddos", "bairns")


_MISSPELT_CHILD = ({variant for word in _SPELLED_CHILD_WORDS for variant in _one_edit_away(word)}
                   | {variant for word in _SWAPPED_CHILD_WORDS for variant in _two_letters_swapped(word)}) \
    - set(_SPELLED_CHILD_WORDS) - set(CHILD_WORDS) - {"toddle", "toddles", "toddled"}  # real words


def _misspelt_child_words(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"[a-z]{5,}", text.lower()) if m.group(0) in _MISSPELT_CHILD]


# Hashtags split into words and emoji named ("#babyelephant", "👶"), keeping the vocabulary's words whole.
_SOCIAL_TEXT = SocialText([w for w in CHILD_WORDS if " " not in w] + list(ANIMALS)
                          + [a + _plural_ending(a) for a in ANIMALS])


# Each check reads a text through the same regular expressions, and one legal stage asks about the same text many
# times (its caption decisions, the classifier's labels, which texts the semantic check may block, its figures): the
# answers are kept per distinct text, up to this many texts (a long-lived search process forgets the oldest).
_MEMO_TEXTS = 1 << 16


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def plain_text(text: str) -> str:
    """``text`` with a file name's or slug's words set apart, its hashtags as words and its emoji by name, a
    screenplay's scene headings as words, a parenting forum's family shorthand as words ("DS (8)" as "son (8)"),
    without what a search box's minus sign excludes and without its quotes, as every check reads it."""
    return forum_shorthand_as_words(_SOCIAL_TEXT.plain(file_name_as_words(scene_headings_as_words(as_asked(text)))))


# A youth section's name whose other sense a search box's minus sign excludes: "brownies -chocolate -recipe",
# "beavers -animal -dam", "rainbows -weather -sky" (not "cubs -scouts -baseball lion", which excludes the section).
_SECTION_OTHER_SENSES = {
    "brownies": {"chocolate", "recipe", "recipes", "baking", "bake", "baked", "cake", "cakes", "dessert", "desserts",
                 "food", "fudge", "bakery", "tray", "traybake", "traybakes", "cookies"},
    "beavers": {"animal", "animals", "dam", "dams", "river", "rivers", "lodge", "lodges", "wildlife", "rodent",
                "rodents", "pond", "ponds", "teeth", "tail", "tails"},
    "rainbows": {"weather", "sky", "skies", "rain", "storm", "storms", "sun", "arc", "double", "flag", "flags",
                 "colours", "colors", "prism", "waterfall"},
    "cubs": {"animal", "animals", "lion", "lions", "bear", "bears", "tiger", "tigers", "fox", "foxes", "wolf", "wolves",
             "cheetah", "cheetahs", "leopard", "leopards", "zoo", "wildlife", "safari"},
}
_SECTION_SENSE = {"scout", "scouts", "scouting", "guide", "guides", "guiding", "girlguiding", "brownie", "brownies",
                  "cub", "cubs", "beaver", "beavers", "rainbow", "rainbows", "youth", "kids", "children", "child",
                  "group", "groups", "pack", "colony", "unit"}


# The words for a child that, excluded, say a relative searched for is grown: "son -boy -child retirement party",
# '"mother and son" -child -kid wedding dance' (not "-baby": "grandma and grandson -baby" still asks for a boy).
_CHILD_IN_GENERAL = {"child", "children", "kid", "kids", "kiddies", "boy", "boys", "girl", "girls", "minor", "minors",
                     "youth", "teen", "teens", "teenager", "teenagers", "youngster", "youngsters"}


def _excluded_words(text: str) -> set[str]:
    """The words of what ``text`` excludes with a search box's minus sign."""
    return {word for term in excluded_terms(text) for word in re.findall(r"[a-z]+", term)}


def _section_by_excluded_sense(text: str, excluded: set[str]) -> list[tuple[int, str]]:
    if not excluded or excluded & _SECTION_SENSE:
        return []
    return [(match.start(), match.group(0)) for match in re.finditer(r"\b(?:brownies|beavers|rainbows|cubs)\b",
                                                                     as_asked(text).lower())
            if _SECTION_OTHER_SENSES[match.group(0)] & excluded]


# the doing words messages write without their g ("makin", "jumpin'"), a closed list: "cabin", "robin" and
# "muffin" end the same way
_DROPPED_G = re.compile(r"\b(mak|hold|jump|play|sing|danc|march|camp|hik|wav|pos|smil|laugh|collect|parad|perform|"
                        r"build|runn|swimm|sitt|shar|fly|climb|feed|bak|cook|plant|paint|splash|chas|read|sleep|"
                        r"eat|stand|walk|rid|draw|learn|hid|kick|catch|throw|skipp|hopp|crawl|cry|giggl|blow|"
                        r"look|hav|do|go)in'?(?=\W|$)", re.IGNORECASE)


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def _normalised(text: str) -> str:
    """Hashtags and emoji as plain words, a typographic apostrophe as a plain one, "lil' guy" as "lil guy", words in
    capitals in a lower-case text as capitalised ("LUCY (6)" as "Lucy (6)"), and what people type for short: "skool"
    for school, "jr" for junior, "yr 6" for year 6."""
    text = capitals_as_capitalised(plain_text(text).replace("\u2019", "'"))
    text = re.sub(r"\blil'", "lil", text)
    text = re.sub(r"\bskool\b", "school", text, flags=re.IGNORECASE)
    text = re.sub(r"\bjr\b\.?", "junior", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(primary|secondary|junior|infant|nursery|high|middle|sec)\s+sch\b\.?", r"\1 school", text,
                  flags=re.IGNORECASE)
    # a digit for a word: "a lil 1 asleep" is a little one
    text = re.sub(r"\b(lil|little|wee)\s+1(s?)\b", r"\1 one\2", text, flags=re.IGNORECASE)
    # a dropped g, as messages drop it: "makin bird feeders", "holdin a crab"
    text = _DROPPED_G.sub(r"\1ing", text)
    return re.sub(r"\byr\s*(?=\d)", "year ", text, flags=re.IGNORECASE)


# An animal's young named by "its mother", in a text that names the animal: "orangutan sanctuary, an infant swinging
# from its mother's arm" (a text naming no animal keeps its baby: "a baby asleep on its mother's chest").
_YOUNG_BY_ITS_MOTHER = re.compile(r"\b(?:baby|infant|newborn)\b(?=\s+(?:[\w'-]+\s+){0,3}(?:from\s+|to\s+|on\s+|"
                                  r"beside\s+|with\s+)?its\s+(?:mother|mum|mom)(?:'s)?\b)", re.IGNORECASE)


# A quoted title before a colon or comma, as a competition or an exhibition names a picture ("entry 'Kid': a goat kid
# on a wall"). A title whose every word the description repeats says nothing of its own, and is read only there.
_QUOTED_TITLE = re.compile(r"(?:^|(?<=\s))'([^']{1,40})'(?=\s*[:,])")


def _without_repeated_titles(text: str) -> str:
    def blanked(match: re.Match) -> str:
        words = re.findall(r"[a-z]+", match.group(1).lower())
        rest = (text[:match.start()] + " " + text[match.end():]).lower()
        repeated = words and all(re.search(rf"\b{word}\b", rest) for word in words)
        return " " * len(match.group(0)) if repeated else match.group(0)

    return _QUOTED_TITLE.sub(blanked, text) if "'" in text else text


def child_terms_in(text: str | None) -> list[str]:
    """The child words found in ``text`` (after removing the exclusions), in order."""
    return list(_child_terms(text)) if text else []


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def _child_terms(text: str) -> tuple[str, ...]:
    typed, text = text, _without_repeated_titles(_normalised(text))
    cleaned = _EXCLUSIONS.sub(" ", text)
    if names_an_animal(typed):
        cleaned = _YOUNG_BY_ITS_MOTHER.sub(" ", cleaned)
    # baby gear whose name says "baby" is gear, not a child: "a baby gate" counts below, as gear does
    words = _GEAR_NAMED_BABY.sub(lambda match: " " * len(match.group(0)), cleaned)
    found = [(match.start(), match.group(0)) for match in CHILD_PATTERN.finditer(words)]
    found += _misspelt_child_words(cleaned)
    found += other_language_child_terms(cleaned, _OTHER_LANGUAGE_YOUNG_ANIMALS)
    excluded = _excluded_words(typed)
    found += _section_by_excluded_sense(typed, excluded)
    if excluded & _CHILD_IN_GENERAL:  # "son -boy -child retirement party": the searcher asks for a grown son
        found = [(start, term) for start, term in found if not re.fullmatch(_RELATIVE, term, re.IGNORECASE)]
    gear = [(match.start(), match.group(0)) for match in _BABY_GEAR.finditer(cleaned)]
    if gear and not names_an_animal(text) and not _GEAR_AS_GOODS.search(cleaned):
        found += gear
    return tuple(term for _, term in sorted(found))


def mentions_children(text: str | None) -> bool:
    return bool(child_terms_in(text))


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def names_an_animal(text: str | None) -> bool:
    """Whether ``text`` names an animal (the semantic check leaves animal queries to the vocabulary), in
    English or as another language's young animal ("a bébé phoque on the ice")."""
    if not text:
        return False
    text = _ANIMAL_NAMED_GROUPS.sub(" ", _normalised(text))
    return (_ANIMAL_PATTERN.search(text) is not None or _OTHER_LANGUAGE_YOUNG_ANIMALS.search(text) is not None
            or _ROBIN_PATTERN.search(text) is not None)


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def names_a_lookalike(text: str | None) -> bool:
    """Whether ``text`` carries a child word the vocabulary reads as something else: a thing, food, band or
    show ("a baby grand piano", "the Beach Boys"), an adult ("adult children", "his thirty-year-old son"),
    a young animal ("a baby giraffe"). The word pulls a sentence encoder toward children, so the semantic
    check leaves such a query to the vocabulary, which still blocks "a toddler at a baby grand piano"."""
    return bool(text) and _EXCLUSIONS.search(_normalised(text)) is not None


# An adult named as such: "a young nurse", "a young couple", "an 18-year-old", "backpackers in their early
# twenties". "Young" pulls a sentence encoder toward children, so the semantic check leaves these to the
# vocabulary. Roles that imply children around them (a young mother, a young teacher) are not listed.
_NAMED_ADULT = re.compile(
    r"\byoung\s+(?:adults?|man|men|woman|women|lady|ladies|couples?|bride|groom|wife|husband|nurses?|doctors?|"
    r"soldiers?|marines?|farmers?|professionals?|workers?|officers?|chefs?|cooks?|waiters?|waitress(?:es)?|"
    r"baristas?|bartenders?|mechanics?|lawyers?|executives?|entrepreneurs?|business(?:man|men|woman|women)|"
    r"engineers?|backpackers?|recruits?|trades(?:people|men|women)|apprentices?|interns?|"
    r"(?:dad|father|mum|mom|mother|parent)s?[\s-]+to[\s-]+be)\b"
    # students past 16 by their school or university year: "freshers at a JCR bop", "schoolies week", "A-level
    # students on results day", "undergrads"
    r"|\b(?:freshers|schoolies|undergrads?|undergraduates?|postgrads?|postgraduates?)\b"
    # parents whose children have left home, and a birthday of 16 or more: "empty nesters", "an 18th birthday"
    r"|\bempty[\s-]?nest(?:ers?)?\b"
    rf"|{_ADULT_BIRTHDAY}"
    r"|\ba[\s-]levels?\s+(?:students?|pupils|results?|exams?|revision)\b"
    # an adult's age said last, as a family captions it: "our Sam learning to drive at 17", "a prom, age 18"; a
    # university's graduation ball
    rf"|\b(?:at|aged?)\s+{_ADULT_AGE}\s*(?:[,.;)!]|$)|\bgraduation\s+balls?\b"
    rf"|\b{_ADULT_AGE}[\s-]*(?:years?|yrs?)[\s-]*olds?\b"
    # a group named as adults by age: "all riders over 18", "the volunteers, all 17, at the food bank", "over-50s";
    # walking football and its kin are played by the over-50s
    rf"|\b(?:all|both)\s+(?:[\w-]+\s+)?(?:over|aged)\s+{_ADULT_AGE}\b|\b(?:all|both)\s+{_ADULT_AGE}\s*(?:[,;)!]|\.(?!\d)|$)"
    r"|\bover[\s-]+(?:1[6-9]|[2-9]0)'?s\b|\bwalking\s+(?:football|netball|rugby|hockey|basketball|cricket)\b"
    rf"|\bin\s+(?:their|his|her)\s+{_DECADE}\b|\b(?:twenty|thirty|forty)[\s-]?somethings?\b"
    # older adults, and a sport's men's or women's category: "a senior ladies' aqua aerobics class", "men's lacrosse"
    r"|\b(?:senior|older|elderly|retired)\s+(?:ladies|women|men|citizens|gentlemen)\b"
    # what only adults enter: Sunday league and pub teams, spin classes, (half-)marathons ("review: the Sunday league
    # pub team's 3-2 win", "gym review: spin class packed at 6am"; not a mini or junior marathon)
    # students at a university, and its RAG week ("the university's RAG raid, students rattling collection tins")
    r"|\b(?:university|uni)(?:'s)?\s+(?:[\w-]+\s+){0,3}?students\b|\brag\s+(?:week|raid|day|collection)s?\b"
    # home from university for its holidays: "Ella home from uni for reading week"
    r"|\b(?:home|back)\s+from\s+(?:uni|university|college)\b|\breading\s+week\b"
    # a university's or college's team or society; a grown-up's job with "junior" in its title ("junior ministers at a
    # photocall", "a junior doctor")
    r"|\b(?:uni|university|college)(?:'s)?\s+(?:[\w'-]+\s+){0,2}?(?:teams?|squads?|clubs?|societ(?:y|ies)|crews?)\b"
    r"|\bjunior\s+(?:ministers?|doctors?|partners?|associates?|executives?|analysts?|developers?|managers?|"
    r"solicitors?|barristers?|lawyers?|engineers?|designers?|clerks?|surgeons?|researchers?|lecturers?|staff)\b"
    # a university's halls of residence: "pot noodle upgrades in my halls kitchen", "student halls"
    r"|\b(?:student|uni|university|my|our)\s+halls\b|\bhalls?\s+of\s+residence\b|\bin\s+halls\b(?!\s+of\b)"
    r"|\bsunday\s+league\b|\bpub\s+(?:teams?|sides?|leagues?|quiz(?:zes)?)\b|\bspin(?:ning)?\s+class(?:es)?\b"
    # a county's first-class cricket, played by professionals ("the county cricket first XI taking tea"; a county's
    # under-13s are still read by the vocabulary)
    r"|\bcounty\s+(?:cricket|championship)\b"
    # the players of a mums' team, of bowls and of darts; a sixth form's students are 16 to 18 ("the netball mums'
    # team", "a bowls club member", "the darts league team", "the sixth-formers' prom")
    r"|\b(?:mums|mums'|mothers'|dads|dads')\s+(?:[\w-]+\s+)?(?:teams?|squads?|leagues?|sides?)\b"
    r"|\b(?:netball|football|hockey|rugby|cricket)\s+(?:mums|dads)\b"
    r"|\bbowls\s+(?:club|clubs|green|greens|team|teams|rink|rinks|league|leagues)\b|\bdarts\s+(?:league|team|club|"
    r"night|match|player)s?\b|\bsixth[\s-]?formers?'?\b"
    # an adult age between commas after a word for someone: "the apprentice joiner, 19, cutting dovetails"
    r"|(?-i:\b[a-z]+)\s*,\s*(?:1[6-9]|[2-9]\d)\s*,"
    # the Boat Race is rowed by Oxford's and Cambridge's students ("the Oxford boat race crew, 1930s"; not a school's
    # or juniors' boat race)
    r"|(?<!school\s)(?<!schools'\s)(?<!junior\s)(?<!kids'\s)(?<!children's\s)\bboat\s+race\s+(?:crews?|eights?|"
    r"blues?|rowers?|oarsmen|oarswomen)\b"
    # roller derby's leagues are adults' ("roller derby skaters taping their wrists"; not "junior roller derby")
    r"|(?<!junior\s)(?<!juniors\s)(?<!kids\s)(?<!youth\s)\broller\s+derby\b(?!\s+(?:juniors?|kids|youth)\b)"
    r"|(?<!mini\s)(?<!mini-)(?<!junior\s)(?<!kids\s)(?<!kids'\s)(?<!children's\s)\b(?:half[\s-]|ultra[\s-]?)?"
    r"marathons?\b(?!\s+(?:for\s+)?(?:kids|children|juniors))"
    rf"|\b(?:men's|mens|women's|womens|ladies'?)\s+(?:[\w-]+\s+){{0,2}}(?:{_JUNIOR_SPORT}|classes|class|leagues?|"
    r"teams?|squads?|clubs?|matche?s?|races?|bouts?|games?|tournaments?|championships?|finals?|doubles|singles)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def names_an_adult(text: str | None) -> bool:
    """Whether ``text`` names someone as an adult by age or as a young adult in an adult role ("a young
    nurse", "an 18-year-old"); the semantic check leaves such a query to the vocabulary."""
    return bool(text) and _NAMED_ADULT.search(_normalised(text)) is not None


# Words that name an adult. A description with one of them and no child word says who is in the picture.
ADULT_WORDS = (
    "man", "men", "woman", "women", "lady", "ladies", "gentleman", "gentlemen", "guy", "guys", "adult",
    "adults", "couple", "bride", "groom", "husband", "wife", "girlfriend", "boyfriend", "businessman",
    "businessmen", "businesswoman", "father", "mother", "dad", "mom", "mum", "grandfather", "grandmother",
    "grandpa", "grandma", "elderly", "senior", "seniors", "old man", "old woman", "policeman", "policemen",
    "fireman", "firemen", "cowboy", "cowboys", "soldier", "soldiers", "bearded", "beard",
)
_ADULT_PATTERN = re.compile(r"\b(?:" + "|".join(_word_pattern(w) for w in ADULT_WORDS) + r")\b", re.IGNORECASE)


def names_only_adults(text: str | None) -> bool:
    """Whether ``text`` names an adult and no child ("a man rides a bike"; not "a man and his son", not
    "a dog runs", which names nobody)."""
    return bool(text) and not child_terms_in(text) and _ADULT_PATTERN.search(_normalised(text)) is not None
