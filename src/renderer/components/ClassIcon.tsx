// A CI class's icon on its colour, as used on the graph.
import type { CiClass } from '../../shared/model';
import { CLASS_STYLES, classIcon } from '../graph/class-style';

export function ClassIcon({ ciClass, large = false, small = false }: { ciClass: string; large?: boolean; small?: boolean }) {
  const style = (CLASS_STYLES as Record<string, (typeof CLASS_STYLES)[CiClass] | undefined>)[ciClass];
  const size = large ? ' large' : small ? ' small' : '';
  if (!style) return <span className={`class-icon${size}`} />;
  return (
    <span className={`class-icon${size}`} style={{ background: style.colour }} title={style.label}>
      <img src={classIcon(ciClass as CiClass)} alt="" />
    </span>
  );
}
