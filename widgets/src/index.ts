import { GluecksbringerElement } from './gluecksbringer';
import { KarteElement } from './karte';
import { ProfilElement } from './profil';
import { ProgrammElement } from './programm';

// Defining twice throws; a page may include the loader more than once.
const elements: [string, CustomElementConstructor][] = [
  ['engagierte-stadt-profil', ProfilElement],
  ['engagierte-stadt-karte', KarteElement],
  ['engagierte-stadt-gluecksbringer', GluecksbringerElement],
  ['engagierte-stadt-programm', ProgrammElement],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);
