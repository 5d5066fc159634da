"""English texts of the demo's national pages (demo/content.py), for demo.translation.translate_national_demo.

Keys are the French strings wagtail-localize extracts from the pages (a title, an intro, one paragraph or
list item of a body, with its inline <b>/<i> tags); values are their English translation. A French text
changed in content.py without its entry here stays French on the English site and is reported by
translate_national_pages()."""

NATIONAL_ENGLISH = {
    # Home
    "Promeneurs du Net": "Promeneurs du Net",
    "Des professionnels de la jeunesse et de la parentalité à l'écoute des jeunes et des parents, là où ils "
    "sont : sur les réseaux sociaux.": "Youth and parenting professionals who listen to young people and "
    "parents where they are: on social media.",
    "Une présence éducative sur Internet": "An educational presence online",
    "Les <b>Promeneurs du Net</b> sont des animateurs, éducateurs, conseillers, infirmiers ou médiateurs "
    "mandatés par leur structure pour poursuivre en ligne leur travail éducatif. Ils écoutent, informent, "
    "accompagnent et préviennent, quelques heures par semaine, sur les réseaux que fréquentent les jeunes et "
    "les familles.": "<b>Promeneurs du Net</b> are youth workers, educators, advisers, nurses and mediators "
    "mandated by their organisation to carry on their educational work online. A few hours a week, they "
    "listen, inform, support and prevent on the networks young people and families use.",
    "Chaque promeneur a signé la charte nationale et travaille en lien avec la coordination de son "
    "département. Son profil est nominatif, avec sa photo et le nom de sa structure : vous savez toujours à "
    "qui vous parlez.": "Every promeneur has signed the national charter and works with the coordination "
    "team of their département. Their profile carries their name, photo and organisation: you always know "
    "who you are talking to.",
    "Sur Instagram, une jeune m'a écrit un soir pour une question de logement. Deux semaines plus tard, elle "
    "poussait la porte de la mission locale.": "One evening a young woman messaged me on Instagram about "
    "housing. Two weeks later, she walked into the local youth employment centre.",
    "Une promeneuse du Net (témoignage fictif)": "A Promeneur du Net (fictional testimony)",
    "Questions fréquentes": "Frequently asked questions",
    "Comment savoir si la personne qui me parle est vraiment un promeneur ?": (
        "How can I check that the person talking to me really is a promeneur?"
    ),
    "Collez l'adresse de son profil ou son pseudo dans la page « Vérifier un promeneur » : si elle est "
    "labellisée, sa fiche s'affiche.": "Paste their profile address or username into the “Verify a "
    "promeneur” page: if they belong to the network, their profile is shown.",
    "Les échanges sont-ils confidentiels ?": "Are conversations confidential?",
    "Oui, dans le respect de la charte et du secret professionnel de chaque métier.": (
        "Yes, in line with the charter and the professional confidentiality rules of each profession."
    ),
    "Comment devenir promeneur du Net ?": "How do I become a Promeneur du Net?",
    "Votre structure répond à l'appel à projets de votre Caf ; la coordination départementale vous forme et "
    "vous accompagne.": "Your organisation answers the call for projects of your Caf; the département's "
    "coordination team trains and supports you.",
    # Annuaire and news index
    "Annuaire des promeneurs": "Directory of promeneurs",
    "Trouvez un ou une promeneuse du Net près de chez vous, dans tout le réseau.": (
        "Find a Promeneur du Net near you, anywhere in the network."
    ),
    "Actualités": "News",
    "Les nouvelles du réseau national et des départements.": (
        "News from the national network and the départements."
    ),
    # Legal pages
    "Mentions légales": "Legal notice",
    "Ce site est édité pour le réseau des Promeneurs du Net (démonstration). Directeur de la publication : la "
    "coordination nationale (fictive). Hébergement : à compléter par l'exploitant.": "This site is published "
    "for the Promeneurs du Net network (demonstration). Publication director: the national coordination "
    "(fictional). Hosting: to be completed by the operator.",
    "Déclaration d'accessibilité": "Accessibility statement",
    "Nous nous engageons à rendre ce site accessible conformément au RGAA 4.1. Ce site de démonstration est "
    "testé automatiquement avec axe-core. Pour signaler un défaut d'accessibilité, écrivez à la coordination "
    "de votre département.": "We are committed to making this site accessible in accordance with RGAA 4.1, "
    "the French accessibility standard. This demonstration site is tested automatically with axe-core. To "
    "report an accessibility problem, write to the coordination team of your département.",
    "Données personnelles": "Personal data",
    "Les fiches des promeneurs ne montrent que ce que prévoit la charte nationale : prénom, photo, métier, "
    "structure, réseaux et permanences. Le nom de famille n'est affiché qu'avec l'accord du promeneur. Une "
    "fiche suspendue ou retirée disparaît immédiatement de toutes les pages publiques.": "Promeneurs' "
    "profiles show only what the national charter provides for: first name, photo, job, organisation, "
    "networks and online office hours. The surname is shown only with the promeneur's consent. A suspended "
    "or withdrawn profile disappears at once from every public page.",
    # Content pages
    "Le réseau": "The network",
    "Une démarche nationale portée par la branche Famille, déployée dans les départements.": (
        "A national programme led by the Family branch of French social security, run in the départements."
    ),
    "Né en Suède, le dispositif est déployé en France depuis 2012. Dans chaque département, un comité de "
    "pilotage réunit la Caf, le conseil départemental, les services de l'État et d'autres partenaires ; une "
    "coordination anime le réseau local.": "Born in Sweden, the programme has been running in France since "
    "2012. In each département, a steering committee brings together the Caf, the departmental council, "
    "State services and other partners; a coordination team leads the local network.",
    "Deux missions, un réseau": "Two missions, one network",
    "<b>Jeunesse</b> : les jeunes de 12 à 25 ans ;": "<b>Youth</b>: young people aged 12 to 25;",
    "<b>Parentalité</b> : les parents et les adultes qui ont un rôle éducatif.": (
        "<b>Parenting</b>: parents and adults with an educational role."
    ),
    "Devenir Promeneur du Net": "Becoming a Promeneur du Net",
    "Structures et professionnels : comment rejoindre le réseau.": (
        "Organisations and professionals: how to join the network."
    ),
    "Les structures qui accueillent des jeunes ou des familles (centres sociaux, MJC, missions locales, "
    "points information jeunesse…) peuvent proposer un ou plusieurs professionnels. Elles signent une "
    "convention avec la Caf et la charte nationale.": "Organisations that welcome young people or families "
    "(social centres, youth centres, local youth employment centres, youth information points…) can put "
    "forward one or more professionals. They sign an agreement with the Caf and the national charter.",
    "Les engagements du promeneur": "A promeneur's commitments",
    "un profil professionnel à son nom, avec sa photo et sa structure ;": (
        "a professional profile in their own name, with their photo and organisation;"
    ),
    "des permanences en ligne annoncées ;": "announced online office hours;",
    "la participation aux temps de formation et d'échanges du réseau.": (
        "taking part in the network's training and exchange sessions."
    ),
}
