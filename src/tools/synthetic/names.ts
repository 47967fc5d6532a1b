/** Vocabularies for synthetic records: names, units and the free-text pools that get encrypted. */

export const FORENAMES = (
  'Oliver Amelia George Isla Harry Ava Noah Mia Jack Ivy Leo Lily Arthur Freya Muhammad Florence ' +
  'Oscar Sophia Charlie Grace Jacob Emily Thomas Ella Henry Poppy William Evie Alfie Ruby Joshua ' +
  'Chloe James Daisy Archie Alice Theo Sienna Isaac Rosie Edward Phoebe Samuel Millie Daniel Jessica ' +
  'Mohammed Layla Joseph Aisha Adam Zara Benjamin Fatima Ethan Priya Lucas Amira Dylan Hannah Ryan ' +
  'Megan Liam Sarah Callum Rebecca Nathan Laura Kieran Emma Connor Lauren Jamal Abigail Tyler Chantelle ' +
  'Kwame Ama Tariq Yasmin Arjun Anjali Rohan Deepa Wei Mei Tomasz Agnieszka Piotr Katarzyna Andrei ' +
  'Ioana Sean Siobhan Ciaran Niamh Rhys Cerys Dafydd Seren Hamish Morag Kofi Abena Olumide Folake ' +
  'Chukwuemeka Ngozi Mustafa Leyla Emre Elif Darius Roxana Marco Giulia Mateo Lucia Jose Maria'
).split(' ');

export const SURNAMES = (
  'Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson ' +
  'Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin ' +
  'Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson ' +
  'Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins ' +
  'Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson ' +
  'Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes ' +
  'Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Ahmed ' +
  'Okafor Mensah Nowak Kowalski Wisniewski Popescu Ionescu Chen Wang Li Zhang Nguyen Shah Sharma ' +
  'Choudhury Rahman Uddin Islam Akhtar Iqbal Mahmood Rossi Russo Silva Santos Garcia Fernandez ' +
  "O'Brien O'Connor O'Neill McDonald MacLeod Campbell-Jones Smith-Williams Adeyemi Okonkwo Boateng " +
  'Asante Osei Yilmaz Demir Kaya Papadopoulos Novak Horvat Kaur Gill Sandhu Dhillon Bhatti Malik'
).split(' ');

export const UNITS = [
  'Central North BCU',
  'Central South BCU',
  'Central West BCU',
  'East BCU',
  'North East BCU',
  'North West BCU',
  'South BCU',
  'South East BCU',
  'South West BCU',
  'West BCU',
  'North Area BCU',
  'Central East BCU',
  'Specialist Crime',
  'Counter Terrorism Command',
  'Roads and Transport Policing',
  'Royalty and Specialist Protection',
  'Taskforce',
  'Public Order',
  'Met Detention',
  'Criminal Justice',
  'Forensic Services',
  'Digital Data and Technology',
  'People and Training',
  'Finance',
  'Professional Standards',
  'Vetting Unit',
  'Command and Control',
];

export const STAFF_GRADES = ['Band A', 'Band B', 'Band C', 'Band D', 'Band E', 'Band F', 'Band G'];

export const CIRCUMSTANCES = [
  'Family member; we meet at family events',
  'Lives at the same address',
  'Known since school; we play in the same sports team',
  'Met through a mutual friend',
  'Neighbour on the same street',
  'Former partner; we share care of our child',
  'Business partner in a rental property',
  'Contacted me on social media about a case',
  'Member of the same lodge',
  'Brother-in-law; recently charged with an offence',
  'Old friend who has served a prison sentence',
  'Works as a private investigator',
  'Journalist covering local policing',
  'Relative with a conviction for drug supply',
  'Partner of my sibling; under investigation',
  'Attends the same gym',
  'Cousin; reported associations with organised crime',
  'Landlord of my flat',
  'Friend of the family since childhood',
  'Former colleague dismissed from the force',
];

export const RATIONALES = [
  'Association is familial and unavoidable; declarant has been open about it.',
  'Associate has historic conviction; no current intelligence; advice given on boundaries.',
  'Current intelligence links the associate to organised crime; plan required.',
  'Declarant holds access to sensitive systems; restrict posting while association continues.',
  'Limited contact; risk considered low; review at the usual interval.',
  'Associate under investigation; risk of disclosure; conditions set and review in three months.',
  'Refer to counter-corruption for further enquiries before any decision on vetting.',
  'Association has ended; no further action required.',
  'Business interest creates a potential conflict; declarant to report any change.',
  'Conduct issues indicated; referred to professional standards.',
];

export const QUESTIONS = [
  'Please confirm how often you are in contact with the associate.',
  'Do you share a home or finances with the associate?',
  'When did you last see the associate, and where?',
  'Has the associate ever asked you about your work?',
];

export const ANSWERS = [
  'About once a month at family gatherings.',
  'No, we have separate homes and finances.',
  'Last saw them at a birthday party three weeks ago.',
  'They have never asked me about work.',
];

export const OFFENCE_DESCRIPTIONS = [
  'Details held on the case file',
  'Offence alleged while off duty',
  'Offence alleged while on duty',
  'Matter reported by a member of the public',
  'Matter identified through internal audit',
  'Offence committed with another person',
];

export const WITHDRAWN_REASONS = [
  'Complainant withdrew and no public-interest reason to continue',
  'Person left the service before proceedings; not gross misconduct',
  'Duplicate of another case',
];
