/** One attribute of a certificate subject in Node's multi-line form (`CN=Seal\nO=Firma`). */
export function subjectField(subject: string, field: string): string | undefined {
  return subject
    .split('\n')
    .find((line) => line.startsWith(`${field}=`))
    ?.slice(field.length + 1);
}
