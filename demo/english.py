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
    "Agenda": "Events",
    "Les journées nationales du réseau et les rencontres que les départements y signalent.": (
        "The network's national days, and the meetings the départements share with it."
    ),
    "Ressources": "Resources",
    "La charte, la convention type, des guides et des outils pour les promeneurs et leurs structures.": (
        "The charter, the model agreement, guides and tools for promeneurs and their organisations."
    ),
    # Legal pages
    "Mentions légales": "Legal notice",
    "Ce site est édité pour le réseau des Promeneurs du Net (démonstration). Directeur de la publication : la "
    "coordination nationale (fictive). Hébergement : à compléter par l'exploitant.": "This site is published "
    "for the Promeneurs du Net network (demonstration). Publication director: the national coordination "
    "(fictional). Hosting: to be completed by the operator.",
    "Déclaration d'accessibilité": "Accessibility statement",
    # The generated accessibility statement (home/legal.py), paragraph by paragraph.
    "La Caisse nationale des allocations familiales (Cnaf) s’engage à rendre ses sites internet accessibles "
    "conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.": "The Caisse nationale des "
    "allocations familiales (Cnaf) is committed to making its websites accessible in accordance with article 47 "
    "of French law no. 2005-102 of 11 February 2005.",
    "Cette déclaration d’accessibilité s’applique au site Promeneurs du Net : le site national et les sites des "
    "départements du réseau, qui partagent les mêmes gabarits.": "This accessibility statement applies to the "
    "Promeneurs du Net website: the national site and the sites of the network's départements, which share "
    "the same templates.",
    "État de conformité": "Compliance status",
    "Le site Promeneurs du Net est <b>partiellement conforme</b> avec le référentiel général d’amélioration de "
    "l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées "
    "ci-dessous.": "The Promeneurs du Net website is <b>partially compliant</b> with the French accessibility "
    "standard (RGAA), version 4.1, because of the non-compliances and exemptions listed below.",
    "Résultats des tests": "Test results",
    "L’autoévaluation menée le 2 décembre 2026 par l’équipe du site comprend des tests automatisés (axe-core, "
    "règles des WCAG 2.1 niveaux A et AA) sur chaque type de page publique, sur ordinateur et sur téléphone, "
    "avec et sans JavaScript, qui ne relèvent aucune erreur, et des vérifications manuelles : navigation "
    "complète au clavier, visibilité du focus, zoom à 200 % et affichage sur 320 pixels de large, titres de "
    "page, hiérarchie des titres, régions de la page et alternatives textuelles des images.": "The "
    "self-assessment carried out on 2 December 2026 by the site's team comprises automated tests (axe-core, "
    "WCAG 2.1 level A and AA rules) of every type of public page, on desktop and phone, with and without "
    "JavaScript, which find no error, and manual checks: complete keyboard navigation, visible focus, 200% "
    "zoom and display 320 pixels wide, page titles, heading hierarchy, page landmarks and text alternatives "
    "of images.",
    "Elle ne couvre pas encore les 106 critères du RGAA : le taux de conformité sera publié à l’issue d’un "
    "audit complet.": "It does not yet cover the 106 RGAA criteria: the compliance rate will be published "
    "after a full audit.",
    "Contenus non accessibles": "Non-accessible content",
    "Non-conformités": "Non-compliance",
    "La carte de l’annuaire : les fonds de carte d’OpenStreetMap sont des images sans alternative textuelle, et "
    "la carte ne se parcourt pas entièrement au clavier. La liste des résultats, affichée à côté, donne les "
    "mêmes informations (nom, structure, ville, distance).": "The directory's map: the OpenStreetMap tiles are "
    "images without a text alternative, and the map cannot be fully explored with the keyboard. The list of "
    "results next to it gives the same information (name, organisation, town, distance).",
    "Certaines images et documents publiés par les coordinations peuvent manquer d’une alternative adaptée : "
    "signalez-les à l’adresse ci-dessous.": "Some images and documents published by the coordination teams "
    "may lack a suitable alternative: please report them to the address below.",
    "Dérogations pour charge disproportionnée": "Exemptions for disproportionate burden",
    "Aucune.": "None.",
    "Contenus non soumis à l’obligation d’accessibilité": "Content not subject to the accessibility obligation",
    "Les contenus de tiers intégrés aux pages (vidéos, publications des réseaux sociaux) et les fonds de carte "
    "d’OpenStreetMap.": "Third-party content embedded in the pages (videos, social media posts) and the "
    "OpenStreetMap tiles.",
    "Les fichiers bureautiques publiés avant le 23 septembre 2018.": "Office documents published before 23 "
    "September 2018.",
    "Établissement de cette déclaration d’accessibilité": "Preparation of this accessibility statement",
    "Cette déclaration a été établie le 2 décembre 2026.": "This statement was prepared on 2 December 2026.",
    "Technologies utilisées : HTML, CSS, JavaScript (en amélioration progressive : toutes les pages "
    "fonctionnent sans). Environnement de test : Chromium avec axe-core, et navigation au clavier.": "Technologies "
    "used: HTML, CSS, JavaScript (as a progressive enhancement: every page works without it). Test "
    "environment: Chromium with axe-core, and keyboard navigation.",
    "Retour d’information et contact": "Feedback and contact",
    "Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du site "
    "pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :": "If you "
    "cannot access some content or a service, you can contact the site's publisher to be directed to an "
    "accessible alternative or to obtain the content in another form:",
    "par courrier : Caisse nationale des allocations familiales (Cnaf), 32 avenue de la Sibelle, 75685 Paris "
    "Cedex 14.": "by post: Caisse nationale des allocations familiales (Cnaf), 32 avenue de la Sibelle, 75685 "
    "Paris Cedex 14, France.",
    "Sur le site d’un département, la coordination départementale, dont les coordonnées figurent en bas de "
    "chaque page, vous répond aussi.": "On a département's site, its coordination team, whose contact details "
    "are at the bottom of every page, will also answer you.",
    "Voies de recours": "Remedies",
    "Si vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un "
    "contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :": "If you "
    "have reported to the site's publisher an accessibility problem that prevents you from accessing content "
    "or a service and have not received a satisfactory answer, you can:",
    'écrire un message au Défenseur des droits : <a id="a1">formulaire.defenseurdesdroits.fr</a> ;': (
        "write to the Défenseur des droits (the French rights ombudsman): "
        '<a id="a1">formulaire.defenseurdesdroits.fr</a>;'
    ),
    'contacter le délégué du Défenseur des droits dans votre région : <a id="a1">'
    "defenseurdesdroits.fr/saisir/delegues</a> ;": (
        "contact the Défenseur des droits delegate in your region: "
        '<a id="a1">defenseurdesdroits.fr/saisir/delegues</a>;'
    ),
    "appeler le 09 69 39 00 00 (du lundi au vendredi, de 8 h 30 à 19 h 30, prix d’un appel local) ;": "call "
    "+33 9 69 39 00 00 (Monday to Friday, 8:30 am to 7:30 pm, local call rate);",
    "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse "
    "71120, 75342 Paris CEDEX 07.": "send a letter by post (free of charge, no stamp needed): Défenseur des "
    "droits, Libre réponse 71120, 75342 Paris CEDEX 07, France.",
    # The départements index (translated alone: the départements stay French).
    "Les départements": "The départements",
    "Le réseau est présent dans de nombreux départements : trouvez le vôtre.": "The network is present in many "
    "départements: find yours.",
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
