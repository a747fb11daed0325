// A page whose code is loaded when it is first opened: FullCalendar, ECharts, the query parser and the composer's
// counting are most of the UI's weight, so the first load holds only the shell, the login and the home page
// (`npm run bench` prints the bytes of the first load and of each route). The loader shows until the code arrives.
import { lazy, Suspense, type ComponentType } from 'react';
import { PageLoader } from './page-loader';

export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoader />}>
        <Page />
      </Suspense>
    );
  };
}
