"""The words of the demonstration cases' preparation: notes, answers in people's own words,
risks and what was agreed to reduce them, bias reflections and conference arrangements.

Plain, warm and never labelling. Placeholders are filled per case: {name} (the person the text
is about), {harmed} and {responsible} (called names), {other} (the other principal person),
{supporter}, {supported}, {lang} and {venue}.
"""

from __future__ import annotations

from .records import ContactType, Setting

CONTACT_NOTES = {
    ContactType.PHONE: (
        "Explained what a restorative meeting is and that taking part is their choice.",
        "Left a message; will try again after school.",
        "Rang to introduce myself and ask how {name} is doing since it happened.",
    ),
    ContactType.VISIT: (
        "Talked through what happened in their own words; they want time to think.",
        "Met at home with family there; agreed to meet again next week.",
    ),
    ContactType.MEETING: (
        "Agreed to meet again next week; {name} would like someone from home there.",
        "Short first meeting to say hello and explain who I am.",
    ),
    ContactType.LETTER: ("Sent the information letter and the leaflet in large print.",),
    ContactType.MESSAGE: ("Sent a text to confirm Thursday's meeting; they replied yes.",),
}

MEETING_NOTES = (
    (
        "First preparation meeting: explained the process and listened to {name}'s account. "
        "No pressure to decide.",
        "First meeting: mostly getting to know {name}. Agreed to go at their pace.",
    ),
    (
        "Second meeting: talked through what would help {name} feel safe on the day.",
        "Went through who would be there and what the room will look like.",
    ),
    (
        "Went through the questions {name} might be asked; they chose to write some notes.",
        "Final check before the meeting: {name} knows they can stop at any time.",
    ),
)
SUPPORTER_MEETING_NOTE = (
    "Met {name} to explain a supporter's part: there for {supported}, not to speak for them."
)

INFORMATION_NOTES = (
    "Went through the leaflet together and what happens on the day; answered questions about "
    "who will be there.",
    "Explained that taking part is a choice, that it can stop at any time, and how the "
    "agreement will be followed up.",
    "Gave the information sheet to keep and talked it through.",
)
INFORMATION_NOTE_CHILD = (
    "Used the easy-read sheet; {name} asked whether they could leave if it got too much (yes)."
)
INFORMATION_NOTE_INTERPRETER = "Went through the information with an interpreter who speaks {lang}."
INFORMATION_NOTE_READ_ALOUD = "Read the information sheet aloud together, a page at a time."

ACKNOWLEDGEMENT_NOTES = (
    "{name} agreed the account is right and said, \"I shouldn't have done it.\"",
    "Accepted what happened straight away and wants to make up for it.",
    "Found it hard to talk about at first; at the second meeting {name} said it was wrong and "
    "that they want to put it right.",
    "Agreed with what happened, though not every detail of the timing. Takes responsibility.",
)

# Answers in the person's own words, by question key and then by who is answering.
ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "feels_safe": {
        "child": (
            "Sitting near the door so I can step out if I need to.",
            "Knowing nobody will shout, and that {supporter} is next to me.",
            "If it's in a room I know. Not the head's office.",
            "Knowing exactly who will be there before I walk in.",
            "That I don't have to look at {other} if I don't want to.",
        ),
        "adult": (
            "Knowing the young person's family have been prepared too, and that I can stop "
            "at any time.",
            "Meeting somewhere neutral, not near where it happened.",
            "Having {supporter} with me and being able to park close by.",
            "That it's in the daytime and I know where the way out is.",
        ),
    },
    "triggers": {
        "child": (
            "If people talk about me like I'm not there.",
            "Being asked the same thing over and over.",
            "Loud voices. It makes me freeze.",
            "If {other} laughs, even if it's nerves.",
            "Talking about my dad. I don't want that to come up.",
        ),
        "adult": (
            "Hearing it called 'just a bit of fun'.",
            "Being rushed into saying it's all fine.",
            "Raised voices; I've had enough of that.",
        ),
    },
    "regulation": {
        "child": (
            "Squeezing my stress ball. Going out for a drink of water.",
            "Two minutes on my own, then I'm fine.",
            "{supporter} knows when I need a break; a nod is enough.",
            "Drawing while people talk.",
            "Breathing slowly like we practised.",
        ),
        "adult": (
            "A short pause and a glass of water.",
            "Stepping outside for some air.",
            "Writing things down helps me keep calm.",
        ),
    },
    "supporters": {
        "with": (
            "{supporter}. They know me best.",
            "I'd like {supporter} with me.",
            "{supporter}, and you there as well.",
        ),
        "alone": (
            "Nobody else. I'd rather it was just me, with you there.",
            "I'll come on my own. Knowing you'll be there is enough.",
        ),
        "supporter": (
            "I'm there for {supported}; I don't need anyone else.",
            "Just me. I'll sit with {supported}.",
        ),
    },
    "breaks_seating": {
        "any": (
            "A break halfway. I'd like to sit next to {supporter}, not right opposite {other}.",
            "Near the door. A break if anyone asks for one.",
            "Not round a table, just chairs in a circle.",
            "A break after everyone has said their bit.",
        ),
    },
    "access_needs": {
        "child": (
            "Nothing really. After school is better than mornings.",
            "Not too long. I find it hard to sit still for ages.",
            "No, I'm fine.",
        ),
        "adult": (
            "None, thank you.",
            "Afternoons are easier because of my shifts.",
            "A chair with arms, for my back.",
        ),
        "interpreter": (
            "An interpreter who speaks {lang}, please. I understand more than I can say.",
        ),
        "read_aloud": ("Read things out to me rather than giving me sheets.",),
        "short": ("Short bits with breaks. I lose track if it goes on.",),
    },
    "strengths": {
        "child": (
            "I'm good at football and I look after my little brother.",
            "I'm proud I came back to school after everything.",
            "I'm good at drawing, and I'm a good friend when it counts.",
            "Being honest, even when it's hard.",
            "I help out at the youth club on Fridays.",
        ),
        "adult": (
            "I've been a good neighbour here for twenty years.",
            "I'm patient; I've brought up three teenagers.",
            "I say what I think, but I listen too.",
        ),
    },
    "wants_to_say": {
        "harmed_child": (
            "I want {other} to know I didn't want to come in for a week because of it.",
            "I want to ask what {other} was thinking at the time.",
            "That it really hurt, and I still don't feel right in that corridor.",
        ),
        "harmed_adult": (
            "I want {other} to know how frightened my family was.",
            "I'd like to hear from {other} what has changed since.",
            "I want to ask what {other} was thinking at the time.",
        ),
        "responsible": (
            "I want to say sorry properly, not just because I have to.",
            "That I know it was wrong and I'd take it back if I could.",
            "I want to explain what was going on for me then, but not as an excuse.",
            "I want to ask {other} if there's anything I can do.",
        ),
        "supporter": (
            "I want {supported} to be heard, and for this to be the end of it.",
            "I'd like to say I'm proud of {supported} for coming.",
            "How worried the family has been, and that we want to move on.",
        ),
    },
    "hopes": {
        "harmed_child": (
            "That it stops, and we can be in the same class without it being weird.",
            "To feel safe walking home again.",
            "That {other} understands what it did to me.",
        ),
        "harmed_adult": (
            "A proper apology, and the damage put right.",
            "To feel safe walking home again.",
            "That {other} understands what it did to me and my family.",
        ),
        "responsible": (
            "To put it right and move on.",
            "That {other} doesn't hate me.",
            "To make up for the damage, maybe by helping out somewhere.",
            "To stay here and start again.",
        ),
        "supporter": (
            "That both of them can move on.",
            "For things to calm down between the families.",
            "That {supported} feels listened to.",
        ),
    },
}

# For each risk question: what was noticed and what was agreed to reduce it.
CONCERNS: dict[str, tuple[tuple[str, str], ...]] = {
    "power_imbalance": (
        ("{harmed} is younger and smaller than {responsible}.",
         "Meet separately first; a supporter sits with {harmed}."),
        ("{responsible} came with a group of friends; {harmed} was on their own.",
         "Only the two of them and one supporter each; no friends in the room."),
    ),
    "ongoing_harm": (
        ("They still see each other every day.",
         "Staff have agreed to keep them apart at break times until the meeting."),
        ("Some messages were still being passed on by others.",
         "Families asked to keep it offline; {responsible} has agreed to leave the group chat."),
    ),
    "mental_health": (
        ("{harmed} has been anxious since it happened.",
         "Short sessions, breaks whenever {harmed} asks, and someone trusted told of the date."),
        ("{responsible} has found things hard at home lately.",
         "Checked in with the school counsellor; a quiet space and a follow-up call afterwards."),
    ),
    "substance_use": (
        ("Some worry about drinking at weekends.",
         "Meeting on a weekday morning; a check-in call the day before."),
    ),
    "revictimisation": (
        ("{harmed} could feel outnumbered if the other family brings several people.",
         "One supporter each, and the ground rules gone through with everyone beforehand."),
        ("A risk that {harmed} feels pushed to say it's all fine.",
         "Agreed that nobody will ask {harmed} to forgive; {harmed} can stop at any point."),
    ),
    "venue_safety": (
        ("The usual room is next to where it happened.",
         "Booked {venue} instead, with separate places to wait and a way out near each seat."),
    ),
    "placement_stability": (
        ("{responsible} only moved to the home a few weeks ago.",
         "Social worker and the home's manager agree; the key worker stays with "
         "{responsible} afterwards."),
    ),
    "particular_care": (
        ("What was said was racist; this needs particular care.",
         "An experienced co-facilitator, and extra preparation with both families about how "
         "the words landed."),
    ),
}
SAFEGUARDING = (
    "Something {name} said at a meeting raised a safeguarding question.",
    "Passed to the designated safeguarding lead the same day, as the local procedure says; "
    "they are content for preparation to continue.",
)
NO_CONCERN_NOTES: dict[str, tuple[str, ...]] = {
    "victim_contact": (
        "Contact only through the victim worker, as {harmed} asked.",
        "{harmed} chose phone contact through the victim worker.",
    ),
    "venue_safety": ("{venue} has separate places to wait and step-free access.",),
    "ongoing_harm": ("Nothing since the day itself; both families confirm.",),
}
NOT_KNOWN_NOTE = "Will ask at the first visit."
EASED_NOTE = "Much better since preparation began; keeping an eye on it."

INITIAL_DECISION_REASONS = (
    "Safe to begin preparation meetings with each person separately.",
    "Nothing to stop preparation starting; how to meet will be decided after meeting everyone.",
)
DIRECT_REASONS = (
    "Everyone has been prepared, wants to meet and knows they can stop at any time.",
    "Both want to meet; the agreed arrangements cover the concerns noted.",
)
INDIRECT_REASONS = (
    "{harmed} would rather not be in the same room; a letter lets {harmed} be heard safely.",
    "Messages carried between them suit both better than meeting for now.",
)

# Bias reflections by GRACES dimension key.
REFLECTIONS: dict[str, tuple[str, ...]] = {
    "age": ("I expected the older one to have started it. The accounts don't say so; I'll go in "
            "open.",),
    "class": ("I caught myself assuming the family wouldn't want to take part because of past "
              "contact with services. I asked them instead.",),
    "race": ("Talked with a colleague about whether I'd read {responsible}'s quietness as "
             "attitude. Agreed to ask how {responsible} would like to be spoken to.",),
    "culture": ("Asked {harmed}'s family what would feel respectful at the meeting rather than "
                "guessing.",),
    "ability": ("{responsible}'s reading difficulty is not about understanding: I'll read things "
                "aloud, not talk down.",),
    "gender": ("Asked myself whether I would see this differently if the genders were the "
               "other way round. I would not, but it was worth asking.",),
    "religion": ("Checked the date does not clash with a religious festival and that there is "
                 "somewhere quiet to pray.",),
    "appearance": ("Noticed a first impression from how someone was dressed at the first visit; "
                   "set it aside.",),
}
REFRAMES = (
    "Went in with questions rather than conclusions.",
    "Agreed with my supervisor to reread my first notes for assumptions.",
    "",
)
DECISION_REFLECTION = (
    "Checked that the decision was about safety, not about what would be easier for staff."
)
BEFORE_CONFERENCE_REFLECTION = (
    "Looked at the seating and who speaks first, so {harmed} is not outnumbered."
)
AGREEMENT_REFLECTION = (
    "Checked the agreed actions are the size we would ask of any young person, nothing extra "
    "because of what people had heard about {responsible}."
)

WITHDRAWAL_NOTES = (
    "{name} said it's too much right now. We agreed to pause; I'll check in after the holiday. "
    "No pressure either way.",
    "{name}'s family would like more time and may come back to it. Thanked them for being "
    "honest with me.",
    "{name} has decided not to go ahead for now. That choice is respected, and the door stays "
    "open.",
)
OVERRIDE_REASONS = (
    "{giver}'s signed consent form is in the post. They agreed by phone on {on} and will sign "
    "a copy on the day, before we start.",
    "{giver} gave consent by phone on {on}; the signed form is on its way back to us.",
)
CARE_HOME_CARER = "{first} {family} (social worker)"
SOCIAL_WORKER_FAMILY_NAMES = ("Whitley", "Brennan", "Achebe", "Lindgren")

ROOMS = ("Ground floor, step-free", "Upstairs, lift by reception", "Booked for two hours")
BREAKS = (
    "A short break after everyone has spoken; anyone can ask for one at any time.",
    "Break halfway, with a quiet room next door.",
)
REFRESHMENTS: dict[Setting, tuple[str, ...]] = {
    Setting.SCHOOL: ("Squash and biscuits after the agreement.", "Toast and juice: it's straight "
                     "after school."),
    Setting.CARE_HOME: ("Tea and cake in the kitchen afterwards.",),
    Setting.YOS: ("Tea, coffee and fruit; halal biscuits.", "Hot drinks and sandwiches."),
    Setting.COMMUNITY: ("Tea and biscuits to close, informally.",),
}
WAITING_NOTE = "Separate places to wait: {harmed} in a side room, {responsible} by reception."
INDIRECT_NOTE = (
    "Indirect: what {harmed} wants to say is shared with {responsible} at this meeting, and a "
    "reply carried back."
)
