<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cli</name>
    <message>
        <source>show every address a name resolves to, and why</source>
        <translation>jede Adresse zeigen, in die ein Name aufgelöst wird, und warum</translation>
    </message>
    <message>
        <source>connect to a host, showing every attempt on every address</source>
        <translation>mit einem Host verbinden und jeden Versuch an jeder Adresse zeigen</translation>
    </message>
    <message>
        <source>run a server (echo, discard, ...) and show who connects</source>
        <translation>einen Server starten (echo, discard, ...) und zeigen, wer sich verbindet</translation>
    </message>
    <message>
        <source>pipes, FIFOs, socket pairs and descriptor passing</source>
        <translation>Pipes, FIFOs, Socket-Paare und Deskriptor-Übergabe</translation>
    </message>
    <message>
        <source>watch the signals this process receives</source>
        <translation>die Signale beobachten, die dieser Prozess empfängt</translation>
    </message>
    <message>
        <source>start a program and watch it and its signals</source>
        <translation>ein Programm starten und es samt seinen Signalen beobachten</translation>
    </message>
    <message>
        <source>Sockscope: an inspector for network connections and local IPC.

Without arguments, opens the window. With a command, runs headless:
</source>
        <translation>Sockscope: ein Inspektor für Netzwerkverbindungen und lokale IPC.

Ohne Argumente öffnet sich das Fenster. Mit einem Befehl läuft es ohne Fenster:
</translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage or bad input.</source>
        <translation>
Exit-Status: 0 Erfolg, 1 der Vorgang ist fehlgeschlagen, 2 falscher Aufruf oder falsche Eingabe.</translation>
    </message>
    <message>
        <source>The command to run; none opens the window.</source>
        <translation>Der auszuführende Befehl; ohne Befehl öffnet sich das Fenster.</translation>
    </message>
    <message>
        <source>[command]</source>
        <translation>[Befehl]</translation>
    </message>
    <message>
        <source>sockscope: %1: not available yet in this build</source>
        <translation>sockscope: %1: in diesem Build noch nicht verfügbar</translation>
    </message>
    <message>
        <source>sockscope: %1</source>
        <translation>sockscope: %1</translation>
    </message>
    <message>
        <source>Try &apos;sockscope --help&apos;.</source>
        <translation>Siehe &apos;sockscope --help&apos;.</translation>
    </message>
    <message>
        <source>sockscope: unknown command &apos;%1&apos;</source>
        <translation>sockscope: unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <source>sockscope: the window needs a display, and none was found (DISPLAY and WAYLAND_DISPLAY are unset).
Run a command instead, for example &apos;sockscope resolve localhost&apos;, or see &apos;sockscope --help&apos;.</source>
        <translation>sockscope: Das Fenster braucht eine Anzeige, und es wurde keine gefunden (DISPLAY und WAYLAND_DISPLAY sind nicht gesetzt).
Führen Sie stattdessen einen Befehl aus, zum Beispiel &apos;sockscope resolve localhost&apos;, oder siehe &apos;sockscope --help&apos;.</translation>
    </message>
</context>
<context>
    <name>EventLogDock</name>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Copy as JSON Lines</source>
        <translation>Als JSON Lines kopieren</translation>
    </message>
    <message>
        <source>Filter: text in any column</source>
        <translation>Filter: Text in einer beliebigen Spalte</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the rows shown as JSON Lines, the form of the command line&apos;s --json</source>
        <translation>Die angezeigten Zeilen als JSON Lines speichern, im Format von --json der Kommandozeile</translation>
    </message>
    <message>
        <source>%1 of %2 rows kept, %3 oldest dropped</source>
        <translation>%1 von %2 Zeilen behalten, %3 älteste verworfen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export the event log</source>
        <translation>Ereignisprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>Gegenstelle %1</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>Zeit (ms)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
</context>
<context>
    <name>EventStatsModel</name>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>Pro Sekunde</translation>
    </message>
    <message>
        <source>Last (ms)</source>
        <translation>Zuletzt (ms)</translation>
    </message>
</context>
<context>
    <name>InterfacesModel</name>
    <message>
        <source>index %1, MTU %2</source>
        <translation>Index %1, MTU %2</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>loopback</source>
        <translation>Loopback</translation>
    </message>
    <message>
        <source>link-local</source>
        <translation>link-lokal</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>broadcast %1</source>
        <translation>Broadcast %1</translation>
    </message>
    <message>
        <source>up</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>down</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>multicast</source>
        <translation>Multicast</translation>
    </message>
    <message>
        <source>broadcast</source>
        <translation>Broadcast</translation>
    </message>
    <message>
        <source>point-to-point</source>
        <translation>Punkt-zu-Punkt</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>unique local</source>
        <translation>eindeutig lokal</translation>
    </message>
</context>
<context>
    <name>InterfacesTab</name>
    <message>
        <source>Copy address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sockscope</source>
        <translation>Sockscope</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Auflösen</translation>
    </message>
    <message>
        <source>Connecting is not built yet: it arrives with the connector.</source>
        <translation>Das Verbinden ist noch nicht gebaut: Es kommt mit dem Connector.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Servers are not built yet: they arrive with the listeners.</source>
        <translation>Server sind noch nicht gebaut: Sie kommen mit den Listenern.</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>The IPC lab is not built yet: it arrives with pipes and sockets.</source>
        <translation>Das IPC-Labor ist noch nicht gebaut: Es kommt mit Pipes und Sockets.</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
    </message>
    <message>
        <source>Signal watching is not built yet: it arrives with the signal lab.</source>
        <translation>Die Signalbeobachtung ist noch nicht gebaut: Sie kommt mit dem Signal-Labor.</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signale</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export event log…</source>
        <translation>Ereignisprotokoll &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Sockscope</source>
        <translation>&amp;Über Sockscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Sockscope</source>
        <translation>Über Sockscope</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sockscope %1&lt;/b&gt;&lt;p&gt;An inspector for network connections and local IPC: every attempt, every address, every descriptor, live.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Sockscope %1&lt;/b&gt;&lt;p&gt;Ein Inspektor für Netzwerkverbindungen und lokale IPC: jeder Versuch, jede Adresse, jeder Deskriptor, live.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MessageCatalog</name>
    <message>
        <source>Connection refused: nothing is listening on that port</source>
        <translation>Verbindung abgelehnt: An diesem Port lauscht nichts</translation>
    </message>
    <message>
        <source>Timed out: the other side did not answer</source>
        <translation>Zeitüberschreitung: Die Gegenseite hat nicht geantwortet</translation>
    </message>
    <message>
        <source>No route to the host</source>
        <translation>Keine Route zum Host</translation>
    </message>
    <message>
        <source>The network is unreachable</source>
        <translation>Das Netzwerk ist nicht erreichbar</translation>
    </message>
    <message>
        <source>Connection reset by the peer</source>
        <translation>Verbindung von der Gegenstelle zurückgesetzt</translation>
    </message>
    <message>
        <source>Connection aborted</source>
        <translation>Verbindung abgebrochen</translation>
    </message>
    <message>
        <source>Address already in use</source>
        <translation>Adresse wird bereits verwendet</translation>
    </message>
    <message>
        <source>That address is not available on this machine</source>
        <translation>Diese Adresse ist auf diesem Rechner nicht verfügbar</translation>
    </message>
    <message>
        <source>Address family not supported</source>
        <translation>Adressfamilie nicht unterstützt</translation>
    </message>
    <message>
        <source>Protocol not supported</source>
        <translation>Protokoll nicht unterstützt</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>Vorgang nicht erlaubt</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>Datei oder Verzeichnis nicht gefunden</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>Existiert bereits</translation>
    </message>
    <message>
        <source>Name too long</source>
        <translation>Name zu lang</translation>
    </message>
    <message>
        <source>Too many open files in this process</source>
        <translation>Zu viele offene Dateien in diesem Prozess</translation>
    </message>
    <message>
        <source>Too many open files in the system</source>
        <translation>Zu viele offene Dateien im System</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Kein Speicher mehr verfügbar</translation>
    </message>
    <message>
        <source>No buffer space available</source>
        <translation>Kein Pufferspeicher verfügbar</translation>
    </message>
    <message>
        <source>No space left on the device</source>
        <translation>Kein Platz mehr auf dem Gerät</translation>
    </message>
    <message>
        <source>Broken pipe: the other end was closed</source>
        <translation>Unterbrochene Pipe: Das andere Ende wurde geschlossen</translation>
    </message>
    <message>
        <source>The socket is not connected</source>
        <translation>Der Socket ist nicht verbunden</translation>
    </message>
    <message>
        <source>Not a socket</source>
        <translation>Kein Socket</translation>
    </message>
    <message>
        <source>Bad file descriptor</source>
        <translation>Ungültiger Dateideskriptor</translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation>Ungültiges Argument</translation>
    </message>
    <message>
        <source>Resource temporarily unavailable, try again</source>
        <translation>Ressource vorübergehend nicht verfügbar, erneut versuchen</translation>
    </message>
    <message>
        <source>Interrupted by a signal</source>
        <translation>Durch ein Signal unterbrochen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>No such device or address (no reader on the other end)</source>
        <translation>Gerät oder Adresse nicht vorhanden (kein Leser am anderen Ende)</translation>
    </message>
    <message>
        <source>No such process</source>
        <translation>Prozess nicht vorhanden</translation>
    </message>
    <message>
        <source>No child process</source>
        <translation>Kein Kindprozess</translation>
    </message>
    <message>
        <source>The name is not known</source>
        <translation>Der Name ist nicht bekannt</translation>
    </message>
    <message>
        <source>The name has no addresses</source>
        <translation>Der Name hat keine Adressen</translation>
    </message>
    <message>
        <source>The name has no address in the requested family</source>
        <translation>Der Name hat keine Adresse in der angeforderten Familie</translation>
    </message>
    <message>
        <source>Temporary failure in name resolution: the name server did not answer</source>
        <translation>Vorübergehender Fehler bei der Namensauflösung: Der Nameserver hat nicht geantwortet</translation>
    </message>
    <message>
        <source>Permanent failure in name resolution</source>
        <translation>Dauerhafter Fehler bei der Namensauflösung</translation>
    </message>
    <message>
        <source>The address family is not supported</source>
        <translation>Die Adressfamilie wird nicht unterstützt</translation>
    </message>
    <message>
        <source>The socket type is not supported</source>
        <translation>Der Socket-Typ wird nicht unterstützt</translation>
    </message>
    <message>
        <source>The service is not known for this socket type</source>
        <translation>Der Dienst ist für diesen Socket-Typ nicht bekannt</translation>
    </message>
    <message>
        <source>Invalid resolver flags</source>
        <translation>Ungültige Resolver-Flags</translation>
    </message>
    <message>
        <source>Out of memory while resolving</source>
        <translation>Kein Speicher mehr während der Auflösung</translation>
    </message>
    <message>
        <source>The resolver&apos;s buffer was too small</source>
        <translation>Der Puffer des Resolvers war zu klein</translation>
    </message>
    <message>
        <source>The lookup was cancelled</source>
        <translation>Die Abfrage wurde abgebrochen</translation>
    </message>
    <message>
        <source>Connection attempt started</source>
        <translation>Verbindungsversuch gestartet</translation>
    </message>
    <message>
        <source>Connection attempt failed</source>
        <translation>Verbindungsversuch fehlgeschlagen</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connection attempt cancelled</source>
        <translation>Verbindungsversuch abgebrochen</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Aufgelöst</translation>
    </message>
    <message>
        <source>Resolution failed</source>
        <translation>Auflösung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Lauscht</translation>
    </message>
    <message>
        <source>Peer accepted</source>
        <translation>Gegenstelle angenommen</translation>
    </message>
    <message>
        <source>Peer closed</source>
        <translation>Gegenstelle geschlossen</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>Bytes empfangen</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>Bytes gesendet</translation>
    </message>
    <message>
        <source>Signal received</source>
        <translation>Signal empfangen</translation>
    </message>
    <message>
        <source>Child started</source>
        <translation>Kindprozess gestartet</translation>
    </message>
    <message>
        <source>Child exited</source>
        <translation>Kindprozess beendet</translation>
    </message>
    <message>
        <source>Descriptor received</source>
        <translation>Deskriptor empfangen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>nothing was given</source>
        <translation>es wurde nichts angegeben</translation>
    </message>
    <message>
        <source>contains a NUL byte at position %1</source>
        <translation>enthält ein NUL-Byte an Position %1</translation>
    </message>
    <message>
        <source>the host is missing</source>
        <translation>der Host fehlt</translation>
    </message>
    <message>
        <source>the name is %1 characters long; a host name has at most %2</source>
        <translation>der Name ist %1 Zeichen lang; ein Hostname hat höchstens %2</translation>
    </message>
    <message>
        <source>the label “%1” is %2 characters long; a label has at most %3</source>
        <translation>das Label „%1“ ist %2 Zeichen lang; ein Label hat höchstens %3</translation>
    </message>
    <message>
        <source>the name has an empty label (two dots in a row, or a dot at the start)</source>
        <translation>der Name hat ein leeres Label (zwei Punkte hintereinander oder ein Punkt am Anfang)</translation>
    </message>
    <message>
        <source>“%1” cannot appear in a host name</source>
        <translation>„%1“ darf in keinem Hostnamen vorkommen</translation>
    </message>
    <message>
        <source>the “[” is never closed with “]”</source>
        <translation>die „[“ wird nie mit „]“ geschlossen</translation>
    </message>
    <message>
        <source>only “:service” may follow “]”, not “%1”</source>
        <translation>auf „]“ darf nur „:Dienst“ folgen, nicht „%1“</translation>
    </message>
    <message>
        <source>“%1” is not an IPv6 address (to add a port, write [address]:port)</source>
        <translation>„%1“ ist keine IPv6-Adresse (für einen Port schreiben Sie [Adresse]:Port)</translation>
    </message>
    <message>
        <source>the scope after “%” is empty</source>
        <translation>der Scope nach „%“ ist leer</translation>
    </message>
    <message>
        <source>“%1” is not an interface name or number</source>
        <translation>„%1“ ist kein Schnittstellenname und keine Schnittstellennummer</translation>
    </message>
    <message>
        <source>the service is missing</source>
        <translation>der Dienst fehlt</translation>
    </message>
    <message>
        <source>“%1” cannot appear in a service name</source>
        <translation>„%1“ darf in keinem Dienstnamen vorkommen</translation>
    </message>
    <message>
        <source>the port in parentheses is missing</source>
        <translation>der Port in Klammern fehlt</translation>
    </message>
    <message>
        <source>“%1” is not a port number</source>
        <translation>„%1“ ist keine Portnummer</translation>
    </message>
    <message>
        <source>%1 is out of range (0 to %2)</source>
        <translation>%1 liegt außerhalb des Bereichs (0 bis %2)</translation>
    </message>
    <message>
        <source>the “(” is never closed with “)”</source>
        <translation>die „(“ wird nie mit „)“ geschlossen</translation>
    </message>
    <message>
        <source>nothing may follow “)”, but “%1” does</source>
        <translation>auf „)“ darf nichts folgen, aber „%1“ folgt</translation>
    </message>
    <message>
        <source>the socket path is empty</source>
        <translation>der Socket-Pfad ist leer</translation>
    </message>
    <message>
        <source>the path is %1 bytes long; a Unix socket path has at most %2</source>
        <translation>der Pfad ist %1 Bytes lang; ein Unix-Socket-Pfad hat höchstens %2</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>“%1” is not one of the accepted values</source>
        <translation>„%1“ ist keiner der erlaubten Werte</translation>
    </message>
    <message>
        <source>“%1” conflicts with another part of the input</source>
        <translation>„%1“ widerspricht einem anderen Teil der Eingabe</translation>
    </message>
    <message>
        <source>“%1” is given twice, in the target and as an option; give it once</source>
        <translation>„%1“ ist doppelt angegeben, im Ziel und als Option; geben Sie es nur einmal an</translation>
    </message>
    <message>
        <source>a Unix socket address has no name to resolve</source>
        <translation>eine Unix-Socket-Adresse hat keinen Namen, der aufgelöst werden könnte</translation>
    </message>
    <message>
        <source>Reverse name</source>
        <translation>Rückwärtsname</translation>
    </message>
    <message>
        <source>Resolver configuration</source>
        <translation>Resolver-Konfiguration</translation>
    </message>
    <message>
        <source>Bad input</source>
        <translation>Ungültige Eingabe</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3)</source>
        <translation>%1 liegt außerhalb des Bereichs (%2 bis %3)</translation>
    </message>
</context>
<context>
    <name>ResolveCommand</name>
    <message>
        <source>Shows every address TARGET resolves to, in getaddrinfo&apos;s order.</source>
        <translation>Zeigt jede Adresse, in die ZIEL aufgelöst wird, in der Reihenfolge von getaddrinfo.</translation>
    </message>
    <message>
        <source>host, host:service, [v6addr]:service, or host:name(port)</source>
        <translation>Host, Host:Dienst, [v6-Adresse]:Dienst oder Host:Name(Port)</translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation>ZIEL</translation>
    </message>
    <message>
        <source>The service: a name from /etc/services, a port, or name(port).</source>
        <translation>Der Dienst: ein Name aus /etc/services, ein Port oder Name(Port).</translation>
    </message>
    <message>
        <source>service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Address family: any, inet or inet6.</source>
        <translation>Adressfamilie: any, inet oder inet6.</translation>
    </message>
    <message>
        <source>family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Socket type: stream, dgram, raw or any.</source>
        <translation>Socket-Typ: stream, dgram, raw oder any.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Protocol: tcp, udp, a name from /etc/protocols, or a number.</source>
        <translation>Protokoll: tcp, udp, ein Name aus /etc/protocols oder eine Zahl.</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>getaddrinfo flags (addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all): +name and -name change the default (addrconfig), a plain list replaces it.</source>
        <translation>getaddrinfo-Flags (addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all): +Name und -Name ändern die Vorgabe (addrconfig), eine einfache Liste ersetzt sie.</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Look up the name of every address, and whether it resolves back.</source>
        <translation>Den Namen jeder Adresse nachschlagen, und ob er zurück auf sie auflöst.</translation>
    </message>
    <message>
        <source>With --reverse: fail where an address has no name (NI_NAMEREQD).</source>
        <translation>Mit --reverse: fehlschlagen, wo eine Adresse keinen Namen hat (NI_NAMEREQD).</translation>
    </message>
    <message>
        <source>Show what shaped the answer: nsswitch.conf, hosts, resolv.conf, AI_ADDRCONFIG, gai.conf.</source>
        <translation>Zeigen, was die Antwort bestimmt hat: nsswitch.conf, hosts, resolv.conf, AI_ADDRCONFIG, gai.conf.</translation>
    </message>
    <message>
        <source>Resolve every target in FILE (one a line; - for standard input).</source>
        <translation>Jedes Ziel in DATEI auflösen (eines pro Zeile; - für die Standardeingabe).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Lookups at once (the worker pool&apos;s size).</source>
        <translation>Gleichzeitige Abfragen (Größe des Worker-Pools).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>a TARGET is needed (or --file FILE)</source>
        <translation>ein ZIEL ist nötig (oder --file DATEI)</translation>
    </message>
    <message>
        <source>one TARGET at a time (or --file FILE)</source>
        <translation>nur ein ZIEL auf einmal (oder --file DATEI)</translation>
    </message>
    <message>
        <source>give either TARGET or --file, not both</source>
        <translation>geben Sie entweder ZIEL oder --file an, nicht beides</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation>Zeile %1: </translation>
    </message>
    <message>
        <source>%1: %2 (%3 ms)</source>
        <translation>%1: %2 (%3 ms)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n address(es) in %2 ms</source>
        <translation>
            <numerusform>%1: %n Adresse in %2 ms</numerusform>
            <numerusform>%1: %n Adressen in %2 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>the service name is unknown: the fallback port was used</source>
        <translation>der Dienstname ist unbekannt: der Ersatzport wurde verwendet</translation>
    </message>
    <message>
        <source>no name (%1)</source>
        <translation>kein Name (%1)</translation>
    </message>
    <message>
        <source>(confirmed)</source>
        <translation>(bestätigt)</translation>
    </message>
    <message>
        <source>(does not resolve back)</source>
        <translation>(löst nicht zurück auf)</translation>
    </message>
    <message>
        <source>canonical name: %1</source>
        <translation>kanonischer Name: %1</translation>
    </message>
    <message>
        <source>connect order: %1</source>
        <translation>Verbindungsreihenfolge: %1</translation>
    </message>
    <message>
        <source>Why this answer:</source>
        <translation>Warum diese Antwort:</translation>
    </message>
</context>
<context>
    <name>ResolveResultsModel</name>
    <message>
        <source>no name: %1</source>
        <translation>kein Name: %1</translation>
    </message>
    <message>
        <source>%1 (confirmed)</source>
        <translation>%1 (bestätigt)</translation>
    </message>
    <message>
        <source>%1 (does not resolve back)</source>
        <translation>%1 (löst nicht zurück auf)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Connect order</source>
        <translation>Verbindungsreihenfolge</translation>
    </message>
    <message>
        <source>Reverse name</source>
        <translation>Rückwärtsname</translation>
    </message>
</context>
<context>
    <name>ResolveTab</name>
    <message>
        <source>Copy rows</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>Why this answer</source>
        <translation>Warum diese Antwort</translation>
    </message>
    <message>
        <source>Connect order: %1</source>
        <translation>Verbindungsreihenfolge: %1</translation>
    </message>
    <message>
        <source>Resolving…</source>
        <translation>Löse auf…</translation>
    </message>
    <message>
        <source>host, host:service, [::1]:443, host:http(8080)</source>
        <translation>Host, Host:Dienst, [::1]:443, Host:http(8080)</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Auflösen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>tcp, udp, a name from /etc/protocols, or a number</source>
        <translation>tcp, udp, ein Name aus /etc/protocols oder eine Zahl</translation>
    </message>
    <message>
        <source>Reverse names</source>
        <translation>Rückwärtsnamen</translation>
    </message>
    <message>
        <source>Look up the name of every address (getnameinfo), and whether it resolves back</source>
        <translation>Den Namen jeder Adresse nachschlagen (getnameinfo), und ob er zurück auf sie auflöst</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Familie:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>Flags:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Failed after %1 ms</source>
        <translation>Fehlgeschlagen nach %1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) in %1 ms</source>
        <translation>
            <numerusform>%n Adresse in %1 ms</numerusform>
            <numerusform>%n Adressen in %1 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>; canonical name %1</source>
        <translation>; kanonischer Name %1</translation>
    </message>
    <message>
        <source>; the service name is unknown, the fallback port was used</source>
        <translation>; der Dienstname ist unbekannt, der Ersatzport wurde verwendet</translation>
    </message>
    <message>
        <source>Why this answer: what shaped it appears here.</source>
        <translation>Warum diese Antwort: Was sie bestimmt hat, erscheint hier.</translation>
    </message>
</context>
<context>
    <name>ResolveText</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>no /etc/nsswitch.conf: glibc asks DNS, then /etc/hosts</source>
        <translation>keine /etc/nsswitch.conf: glibc fragt DNS, dann /etc/hosts</translation>
    </message>
    <message>
        <source>nsswitch.conf has no hosts line: glibc asks DNS, then /etc/hosts</source>
        <translation>nsswitch.conf hat keine hosts-Zeile: glibc fragt DNS, dann /etc/hosts</translation>
    </message>
    <message>
        <source>nsswitch.conf says hosts: %1</source>
        <translation>nsswitch.conf sagt hosts: %1</translation>
    </message>
    <message>
        <source>/etc/hosts</source>
        <translation>/etc/hosts</translation>
    </message>
    <message>
        <source>no line names “%1”</source>
        <translation>keine Zeile nennt „%1“</translation>
    </message>
    <message>
        <source>line %1: %2 %3</source>
        <translation>Zeile %1: %2 %3</translation>
    </message>
    <message>
        <source>Name servers</source>
        <translation>Nameserver</translation>
    </message>
    <message>
        <source>no /etc/resolv.conf: glibc asks 127.0.0.1</source>
        <translation>keine /etc/resolv.conf: glibc fragt 127.0.0.1</translation>
    </message>
    <message>
        <source>none in resolv.conf: glibc asks 127.0.0.1</source>
        <translation>keine in resolv.conf: glibc fragt 127.0.0.1</translation>
    </message>
    <message>
        <source>Search domains</source>
        <translation>Suchdomänen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>ndots %1, timeout %2 s, attempts %3</source>
        <translation>ndots %1, Zeitlimit %2 s, Versuche %3</translation>
    </message>
    <message>
        <source>Resolver options</source>
        <translation>Resolver-Optionen</translation>
    </message>
    <message>
        <source>DNS is asked</source>
        <translation>DNS wird gefragt</translation>
    </message>
    <message>
        <source>AI_ADDRCONFIG</source>
        <translation>AI_ADDRCONFIG</translation>
    </message>
    <message>
        <source>Address order</source>
        <translation>Adressreihenfolge</translation>
    </message>
    <message>
        <source>/etc/gai.conf has no rules: RFC 6724&apos;s default policy orders the answer</source>
        <translation>/etc/gai.conf hat keine Regeln: die Standardrichtlinie aus RFC 6724 ordnet die Antwort</translation>
    </message>
    <message>
        <source>no /etc/gai.conf: RFC 6724&apos;s default policy orders the answer</source>
        <translation>keine /etc/gai.conf: die Standardrichtlinie aus RFC 6724 ordnet die Antwort</translation>
    </message>
    <message>
        <source>/etc/gai.conf line %1: %2</source>
        <translation>/etc/gai.conf Zeile %1: %2</translation>
    </message>
    <message>
        <source>off: every family in the answer is kept</source>
        <translation>aus: jede Familie der Antwort bleibt erhalten</translation>
    </message>
    <message>
        <source>IPv4 answers are hidden</source>
        <translation>IPv4-Antworten werden ausgeblendet</translation>
    </message>
    <message>
        <source>IPv6 answers are hidden</source>
        <translation>IPv6-Antworten werden ausgeblendet</translation>
    </message>
    <message>
        <source>both families are kept</source>
        <translation>beide Familien bleiben erhalten</translation>
    </message>
    <message>
        <source>RFC 8305 interleaving, IPv6 first, assuming both families&apos; answers arrived within the resolution delay</source>
        <translation>Verschränkung nach RFC 8305, IPv6 zuerst, unter der Annahme, dass die Antworten beider Familien innerhalb der Auflösungsverzögerung eintrafen</translation>
    </message>
    <message>
        <source>no IPv4 address is configured: glibc answers EAI_NONAME at once</source>
        <translation>keine IPv4-Adresse konfiguriert: glibc antwortet sofort mit EAI_NONAME</translation>
    </message>
    <message>
        <source>no IPv6 address is configured: glibc answers EAI_NONAME at once</source>
        <translation>keine IPv6-Adresse konfiguriert: glibc antwortet sofort mit EAI_NONAME</translation>
    </message>
    <message>
        <source>the requested family is configured</source>
        <translation>die angefragte Familie ist konfiguriert</translation>
    </message>
    <message>
        <source>no address but 127.0.0.1 and ::1: glibc has no information and hides nothing</source>
        <translation>keine Adresse außer 127.0.0.1 und ::1: glibc hat keine Information und blendet nichts aus</translation>
    </message>
    <message>
        <source>%1 (counted IPv4: %2; IPv6: %3)</source>
        <translation>%1 (gezählt IPv4: %2; IPv6: %3)</translation>
    </message>
    <message>
        <source>%1; ignored: %2 (glibc uses the first 3)</source>
        <translation>%1; ignoriert: %2 (glibc verwendet die ersten 3)</translation>
    </message>
    <message>
        <source>%1 (from the host name: resolv.conf names none)</source>
        <translation>%1 (aus dem Hostnamen: resolv.conf nennt keine)</translation>
    </message>
    <message>
        <source>%1 (from LOCALDOMAIN)</source>
        <translation>%1 (aus LOCALDOMAIN)</translation>
    </message>
</context>
</TS>
