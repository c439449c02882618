import type { Slip } from '../../../../core/referral/slip';

/** The slip's fields, as printed and as previewed before sharing: the same content as the shared text. */
export function SlipFields({ slip, headingLevel }: { slip: Slip; headingLevel: 'h1' | 'p' }) {
  const Title = headingLevel;
  return (
    <>
      <Title id={headingLevel === 'h1' ? 'slip-title' : undefined} className="slip-title">
        {slip.title}
      </Title>
      <dl className="slip-fields">
        {slip.fields.map((field) => (
          <div key={field.key} className="slip-field">
            <dt>{field.label}</dt>
            {field.values.map((value) => (
              <dd key={value}>{value}</dd>
            ))}
          </div>
        ))}
      </dl>
      <p className="slip-footer">{slip.footer}</p>
    </>
  );
}
