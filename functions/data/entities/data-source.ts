import type { DataSourceRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

/** A source the data is taken from; it is its own citation, so it names no further source. */
export const DataSource = standaloneEntity<'DataSource', DataSourceRecord>('DataSource', (source) => {
  const p = new Problems(`dataSource ${source.id}`);
  p.slug('id', source.id);
  p.text('title', source.title);
  p.url('url', source.url);
  return p.list;
});
