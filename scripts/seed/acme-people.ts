// Acme demo seed: the people (admin, ada and colleagues).
import { userRows, type DemoUser } from './demo-common.ts';

export function acmePeopleRows(now: number, passwordHash: string): string[] {
  const ws = 'acme';
  const out: string[] = [];

  const people: DemoUser[] = [
    {
      key: 'admin',
      email: 'admin@acme.example',
      name: 'Morgan Reyes',
      role: 'admin',
      jobTitle: 'IT Manager',
      department: 'IT'
    },
    {
      key: 'ada',
      email: 'ada@acme.example',
      name: 'Ada Lovelace',
      role: 'employee',
      jobTitle: 'Senior Engineer',
      department: 'Engineering'
    },
    {
      key: 'grace',
      email: 'grace@acme.example',
      name: 'Grace Hopper',
      role: 'employee',
      jobTitle: 'Engineer',
      department: 'Engineering'
    },
    {
      key: 'linus',
      email: 'linus@acme.example',
      name: 'Linus Torvalds',
      role: 'employee',
      status: 'suspended',
      jobTitle: 'Contractor',
      department: 'Engineering'
    },
    {
      key: 'alan',
      email: 'alan@acme.example',
      name: 'Alan Turing',
      role: 'employee',
      jobTitle: 'Data Scientist',
      department: 'Research'
    },
    {
      key: 'katherine',
      email: 'katherine@acme.example',
      name: 'Katherine Johnson',
      role: 'employee',
      jobTitle: 'Analyst',
      department: 'Finance'
    },
    {
      key: 'margaret',
      email: 'margaret@acme.example',
      name: 'Margaret Hamilton',
      role: 'employee',
      jobTitle: 'Engineering Lead',
      department: 'Engineering'
    },
    {
      key: 'tim',
      email: 'tim@acme.example',
      name: 'Tim Berners-Lee',
      role: 'employee',
      jobTitle: 'Product Manager',
      department: 'Product'
    },
    {
      key: 'hedy',
      email: 'hedy@acme.example',
      name: 'Hedy Lamarr',
      role: 'employee',
      jobTitle: 'Designer',
      department: 'Design'
    },
    {
      key: 'barbara',
      email: 'barbara@acme.example',
      name: 'Barbara Liskov',
      role: 'employee',
      jobTitle: 'Architect',
      department: 'Engineering'
    },
    {
      key: 'dennis',
      email: 'dennis@acme.example',
      name: 'Dennis Ritchie',
      role: 'employee',
      jobTitle: 'Support Engineer',
      department: 'Support'
    },
    {
      key: 'radia',
      email: 'radia@acme.example',
      name: 'Radia Perlman',
      role: 'employee',
      jobTitle: 'Network Engineer',
      department: 'IT'
    }
  ];
  out.push(...userRows(ws, people, passwordHash, now));
  return out;
}
