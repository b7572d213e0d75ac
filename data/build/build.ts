// `npm run build:data`: regenerates every derived file under data/ from data/sources and data/agencies.
import { join } from 'node:path';
import { buildPlans } from './plans';
import { buildAgencyData } from './agencies';

const root = join(__dirname, '..', '..', '..');
const written = [...buildPlans(root), ...buildAgencyData(root)];
for (const f of written) console.log(`wrote ${f}`);
