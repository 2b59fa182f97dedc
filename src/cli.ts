// Entry point: argument parsing and subcommand dispatch. Each subcommand lives in its own module.
export async function main(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'sim') {
    const { runSimCommand } = await import('./sim/main.js');
    await runSimCommand(rest);
    return;
  }
  process.stderr.write('taskdesk: the desk is not built yet; try `taskdesk sim --port 0 --bots 3`\n');
  process.exitCode = 2;
}
