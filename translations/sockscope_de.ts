<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttemptsModel</name>
    <message>
        <source>trying</source>
        <translation>versucht</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>timed out (attempt timeout)</source>
        <translation>Zeit abgelaufen (Versuchszeitgrenze)</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled (%1)</source>
        <translation>abgebrochen (%1)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Started (ms)</source>
        <translation>Beginn (ms)</translation>
    </message>
    <message>
        <source>Took (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
</context>
<context>
    <name>ChannelCommand</name>
    <message>
        <source>How many bytes to send (default %1).</source>
        <translation>Wie viele Bytes gesendet werden (Vorgabe %1).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>pipe: capacity %1 bytes (at most %2 without CAP_SYS_RESOURCE), PIPE_BUF %3
</source>
        <translation>Pipe: Kapazität %1 Bytes (höchstens %2 ohne CAP_SYS_RESOURCE), PIPE_BUF %3
</translation>
    </message>
    <message>
        <source>fifo: %1 (mode 0600, in a directory only we can enter)
</source>
        <translation>FIFO: %1 (Modus 0600, in einem Verzeichnis, das nur wir betreten können)
</translation>
    </message>
    <message>
        <source>socketpair: %1
</source>
        <translation>Socket-Paar: %1
</translation>
    </message>
    <message>
        <source>%1 %2: %3
</source>
        <translation>%1 %2: %3
</translation>
    </message>
    <message>
        <source>open for writing: waiting for a reader
</source>
        <translation>Öffnen zum Schreiben: warte auf einen Leser
</translation>
    </message>
    <message>
        <source>open for %1: done after %2 ms
</source>
        <translation>Öffnen (%1): fertig nach %2 ms
</translation>
    </message>
    <message>
        <source>open for %1: done
</source>
        <translation>Öffnen (%1): fertig
</translation>
    </message>
    <message>
        <source>end %1 closed (%2)
</source>
        <translation>Ende %1 geschlossen (%2)
</translation>
    </message>
    <message>
        <source>removed %1
</source>
        <translation>%1 entfernt
</translation>
    </message>
    <message>
        <source>Makes a pipe and has WRITERS threads write into it at once, in chunks of CHUNK bytes, while this process reads it. Every chunk must arrive whole and each writer&apos;s in order: a write of at most PIPE_BUF bytes is atomic. With larger chunks and several writers the kernel may cut them, which is shown (exit status 1). --capacity asks for another pipe size (F_SETPIPE_SZ).</source>
        <translation>Erzeugt eine Pipe und lässt WRITERS Threads gleichzeitig hineinschreiben, in Blöcken von CHUNK Bytes, während dieser Prozess sie liest. Jeder Block muss ganz ankommen, und die Blöcke jedes Schreibers in ihrer Reihenfolge: Ein Schreibvorgang von höchstens PIPE_BUF Bytes ist atomar. Bei größeren Blöcken und mehreren Schreibern darf der Kernel sie zerteilen, was gezeigt wird (Exit-Status 1). --capacity verlangt eine andere Pipe-Größe (F_SETPIPE_SZ).</translation>
    </message>
    <message>
        <source>How many writers at once (default 1).</source>
        <translation>Wie viele Schreiber gleichzeitig (Vorgabe 1).</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Bytes a write (default PIPE_BUF, %1).</source>
        <translation>Bytes je Schreibvorgang (Vorgabe PIPE_BUF, %1).</translation>
    </message>
    <message>
        <source>The pipe&apos;s capacity to ask for, in bytes.</source>
        <translation>Die zu verlangende Kapazität der Pipe, in Bytes.</translation>
    </message>
    <message>
        <source>a writer failed: %1</source>
        <translation>ein Schreiber ist gescheitert: %1</translation>
    </message>
    <message>
        <source>%1 bytes from %2 writers in chunks of %3: %4 chunks whole and in order</source>
        <translation>%1 Bytes von %2 Schreibern in Blöcken zu %3: %4 Blöcke ganz und in Reihenfolge</translation>
    </message>
    <message>
        <source>; at byte %1 a chunk was cut by another writer&apos;s bytes (writes above PIPE_BUF, %2, are not atomic)</source>
        <translation>; bei Byte %1 wurde ein Block von Bytes eines anderen Schreibers zerteilt (Schreibvorgänge über PIPE_BUF, %2, sind nicht atomar)</translation>
    </message>
    <message>
        <source>Makes a socketpair and sends BYTES from each end to the other at once; what arrives must be what was sent, in order, and with dgram or seqpacket in messages of the size they were sent (4096 bytes).</source>
        <translation>Erzeugt ein Socket-Paar und sendet gleichzeitig BYTES von jedem Ende zum anderen; was ankommt, muss das Gesendete sein, in Reihenfolge, und bei dgram oder seqpacket in Nachrichten der gesendeten Größe (4096 Bytes).</translation>
    </message>
    <message>
        <source>stream, dgram or seqpacket (default stream).</source>
        <translation>stream, dgram oder seqpacket (Vorgabe stream).</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>%1 bytes each way, intact and in order (%2 and %3 reads)</source>
        <translation>%1 Bytes in jede Richtung, unversehrt und in Reihenfolge (%2 und %3 Lesevorgänge)</translation>
    </message>
    <message>
        <source>what arrived is not what was sent: %1 and %2 bytes, %3 and %4 messages of the wrong size</source>
        <translation>was ankam, ist nicht das Gesendete: %1 und %2 Bytes, %3 und %4 Nachrichten der falschen Größe</translation>
    </message>
    <message>
        <source>Makes a FIFO (in a private directory, or at PATH) and shows its open rendezvous: a nonblocking open for writing fails with ENXIO while nobody reads, a blocking one waits until a reader opens; then BYTES go through it and must arrive intact and in order. The FIFO is removed at the end.</source>
        <translation>Erzeugt ein FIFO (in einem privaten Verzeichnis oder unter PFAD) und zeigt das Rendezvous beim Öffnen: Ein nicht blockierendes Öffnen zum Schreiben scheitert mit ENXIO, solange niemand liest, ein blockierendes wartet, bis ein Leser öffnet; dann gehen BYTES hindurch und müssen unversehrt und in Reihenfolge ankommen. Das FIFO wird am Ende entfernt.</translation>
    </message>
    <message>
        <source>Where to make the FIFO; it must not exist.</source>
        <translation>Wo das FIFO erzeugt wird; es darf noch nicht existieren.</translation>
    </message>
    <message>
        <source>[PATH]</source>
        <translation>[PFAD]</translation>
    </message>
    <message>
        <source>cannot make the FIFO %1: %2</source>
        <translation>kann das FIFO %1 nicht erzeugen: %2</translation>
    </message>
    <message>
        <source>%1 bytes through the FIFO, intact and in order</source>
        <translation>%1 Bytes durch das FIFO, unversehrt und in Reihenfolge</translation>
    </message>
    <message>
        <source>what arrived is not what was sent (%1 of %2 bytes)</source>
        <translation>was ankam, ist nicht das Gesendete (%1 von %2 Bytes)</translation>
    </message>
    <message>
        <source>cannot start the writers: %1</source>
        <translation>die Schreiber lassen sich nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>ChannelPanel</name>
    <message>
        <source>Pipe</source>
        <translation>Pipe</translation>
    </message>
    <message>
        <source>FIFO (named pipe, private directory)</source>
        <translation>FIFO (benannte Pipe, privates Verzeichnis)</translation>
    </message>
    <message>
        <source>Socket pair, stream</source>
        <translation>Socket-Paar, stream</translation>
    </message>
    <message>
        <source>Socket pair, datagram</source>
        <translation>Socket-Paar, datagram</translation>
    </message>
    <message>
        <source>Socket pair, seqpacket</source>
        <translation>Socket-Paar, seqpacket</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>Text to write at this end (\n, \xHH escapes)</source>
        <translation>Text, der an diesem Ende geschrieben wird (Escapes \n, \xHH)</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Close end</source>
        <translation>Ende schließen</translation>
    </message>
    <message>
        <source>What arrives at this end</source>
        <translation>Was an diesem Ende ankommt</translation>
    </message>
    <message>
        <source>Could not create it: %1</source>
        <translation>Konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>The text has a malformed escape at byte %1.</source>
        <translation>Der Text enthält bei Byte %1 eine fehlerhafte Escape-Sequenz.</translation>
    </message>
    <message>
        <source>%1 at end “%2”: %3</source>
        <translation>%1 am Ende „%2“: %3</translation>
    </message>
    <message>
        <source>Created.</source>
        <translation>Erstellt.</translation>
    </message>
    <message>
        <source>Created at %1.</source>
        <translation>Erstellt unter %1.</translation>
    </message>
    <message>
        <source>End “%1” read the end of the data (EOF).</source>
        <translation>Ende „%1“ hat das Ende der Daten gelesen (EOF).</translation>
    </message>
    <message>
        <source>End “%1” closed.</source>
        <translation>Ende „%1“ geschlossen.</translation>
    </message>
    <message>
        <source>End “%1”%2</source>
        <translation>Ende „%1“%2</translation>
    </message>
    <message>
        <source> (closed)</source>
        <translation> (geschlossen)</translation>
    </message>
    <message>
        <source>End %1</source>
        <translation>Ende %1</translation>
    </message>
    <message>
        <source>At end “%1” a message of %2 bytes was cut to %3.</source>
        <translation>Am Ende „%1“ wurde eine Nachricht von %2 Bytes auf %3 gekürzt.</translation>
    </message>
</context>
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
    <message>
        <source>pipes, FIFOs, socket pairs, descriptor passing and System V IPC, checked</source>
        <translation>Pipes, FIFOs, Socket-Paare, Deskriptor-Übergabe und System-V-IPC, geprüft</translation>
    </message>
    <message>
        <source>watch the signals this process receives, send one, list them all</source>
        <translation>die Signale beobachten, die dieser Prozess empfängt, eines senden, alle auflisten</translation>
    </message>
</context>
<context>
    <name>CommandContext</name>
    <message>
        <source>the event loop failed: %1</source>
        <translation>die Ereignisschleife ist gescheitert: %1</translation>
    </message>
    <message>
        <source>cannot write to standard output: %1</source>
        <translation>kann nicht auf die Standardausgabe schreiben: %1</translation>
    </message>
    <message>
        <source>say which primitive: %1</source>
        <translation>geben Sie das Primitiv an: %1</translation>
    </message>
    <message>
        <source>“%1” is no primitive; use %2</source>
        <translation>„%1“ ist kein Primitiv; erlaubt sind %2</translation>
    </message>
</context>
<context>
    <name>ConnectCommand</name>
    <message>
        <source>Connects to TARGET, trying its addresses as RFC 8305 says (or one after another), and shows every attempt. Several TARGETs that are addresses are raced as one list.</source>
        <translation>Verbindet mit ZIEL, versucht seine Adressen wie RFC 8305 es sagt (oder eine nach der anderen) und zeigt jeden Versuch. Mehrere ZIELE, die Adressen sind, werden als eine Liste versucht.</translation>
    </message>
    <message>
        <source>TARGET...</source>
        <translation>ZIEL...</translation>
    </message>
    <message>
        <source>happy-eyeballs (RFC 8305) or sequential (one after another).</source>
        <translation>happy-eyeballs (RFC 8305) oder sequential (eine nach der anderen).</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Milliseconds before the next attempt starts (10 to 2000).</source>
        <translation>Millisekunden, bevor der nächste Versuch beginnt (10 bis 2000).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Milliseconds to wait for the first family&apos;s answer (0 to 2000).</source>
        <translation>Millisekunden Wartezeit auf die Antwort der ersten Familie (0 bis 2000).</translation>
    </message>
    <message>
        <source>Which family goes first: sorted, inet6 or inet.</source>
        <translation>Welche Familie zuerst: sorted, inet6 oder inet.</translation>
    </message>
    <message>
        <source>family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Addresses of the first family before they alternate: 1 or 2.</source>
        <translation>Adressen der ersten Familie, bevor die Familien wechseln: 1 oder 2.</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Milliseconds for the whole race; 0 for none.</source>
        <translation>Millisekunden für den ganzen Wettlauf; 0 für keine Grenze.</translation>
    </message>
    <message>
        <source>Milliseconds for one attempt; 0 for the kernel&apos;s own.</source>
        <translation>Millisekunden für einen Versuch; 0 für die des Kernels.</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>a TARGET is needed</source>
        <translation>ein ZIEL wird gebraucht</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>TEXT and standard input are hex digits.</source>
        <translation>TEXT und Standardeingabe sind Hex-Ziffern.</translation>
    </message>
    <message>
        <source>Milliseconds without data after which the connection is closed; 0 for none.</source>
        <translation>Millisekunden ohne Daten, nach denen die Verbindung geschlossen wird; 0 für keine Grenze.</translation>
    </message>
    <message>
        <source>Only the race: close once connected, sending nothing (as nc -z).</source>
        <translation>Nur der Wettlauf: nach dem Verbinden schließen, ohne etwas zu senden (wie nc -z).</translation>
    </message>
    <message>
        <source>Send TEXT (instead of standard input), then half-close. Escapes: \n \r \t \0 \\ \xHH.</source>
        <translation>TEXT senden (statt der Standardeingabe), dann halb schließen. Escapes: \n \r \t \0 \\ \xHH.</translation>
    </message>
    <message>
        <source>host:port, [v6addr]:port, an address:port, or unix:/path and unix:@name</source>
        <translation>Host:Port, [v6-Adresse]:Port, Adresse:Port oder unix:/Pfad und unix:@Name</translation>
    </message>
</context>
<context>
    <name>ConnectTab</name>
    <message>
        <source>happy eyeballs</source>
        <translation>Happy Eyeballs</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>nacheinander</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Connection Attempt Delay (RFC 8305): the next attempt starts after it</source>
        <translation>Connection Attempt Delay (RFC 8305): danach beginnt der nächste Versuch</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>Closed (%1).</source>
        <translation>Geschlossen (%1).</translation>
    </message>
    <message>
        <source>Connected, but the session could not start: %1</source>
        <translation>Verbunden, aber die Sitzung konnte nicht beginnen: %1</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>Gespeicherte Nachrichten</translation>
    </message>
    <message>
        <source>host:port, [::1]:7, 127.0.0.1:80, unix:/path</source>
        <translation>Host:Port, [::1]:7, 127.0.0.1:80, unix:/Pfad</translation>
    </message>
    <message>
        <source>Several addresses separated by spaces are raced as one list</source>
        <translation>Mehrere durch Leerzeichen getrennte Adressen treten als eine Liste gegeneinander an</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Optionen</translation>
    </message>
    <message>
        <source>Transport, timeouts, local address and socket options</source>
        <translation>Transport, Zeitlimits, lokale Adresse und Socket-Optionen</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>Sto&amp;pp</translation>
    </message>
    <message>
        <source>Double-click: put the message&apos;s target and payload in place</source>
        <translation>Doppelklick: Ziel und Inhalt der Nachricht übernehmen</translation>
    </message>
    <message>
        <source>Name for the payload being typed</source>
        <translation>Name für den eingegebenen Inhalt</translation>
    </message>
    <message>
        <source>Save &amp;message</source>
        <translation>Nachricht &amp;merken</translation>
    </message>
    <message>
        <source>Keep the payload of the Session page, with the current target</source>
        <translation>Den Inhalt der Seite „Sitzung“ mit dem aktuellen Ziel speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Send once</source>
        <translation>Einmal senden</translation>
    </message>
    <message>
        <source>Time between two sends</source>
        <translation>Zeit zwischen zwei Sendungen</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>bis zum Stopp</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source>Repeat ever&amp;y</source>
        <translation>Wiederholen &amp;je</translation>
    </message>
    <message>
        <source>Stop repeating</source>
        <translation>Wiederholung stoppen</translation>
    </message>
    <message>
        <source>A saved message needs a name.</source>
        <translation>Eine gespeicherte Nachricht braucht einen Namen.</translation>
    </message>
    <message>
        <source>Message “%1” saved.</source>
        <translation>Nachricht „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Choose a saved message first.</source>
        <translation>Zuerst eine gespeicherte Nachricht wählen.</translation>
    </message>
    <message>
        <source>Not connected: connect to %1 first.</source>
        <translation>Nicht verbunden: zuerst mit %1 verbinden.</translation>
    </message>
    <message>
        <source>sent %1 · %2 a second</source>
        <translation>%1 gesendet · %2 pro Sekunde</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Keine Verbindung: %1</translation>
    </message>
    <message>
        <source>Could not connect: every attempt failed (%1; see the attempts).</source>
        <translation>Keine Verbindung: jeder Versuch schlug fehl (%1; siehe die Versuche).</translation>
    </message>
    <message numerus="yes">
        <source>%n held back (the peer is not reading)</source>
        <translation>
            <numerusform>%n zurückgehalten (die Gegenseite liest nicht)</numerusform>
            <numerusform>%n zurückgehalten (die Gegenseite liest nicht)</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
</context>
<context>
    <name>ConnectText</name>
    <message>
        <source>%1 ms  %2: no address: %3</source>
        <translation>%1 ms  %2: keine Adresse: %3</translation>
    </message>
    <message>
        <source>%1 ms  %2 resolved</source>
        <translation>%1 ms  %2 aufgelöst</translation>
    </message>
    <message>
        <source>%1 ms  attempt %2: connecting to %3</source>
        <translation>%1 ms  Versuch %2: verbinde mit %3</translation>
    </message>
    <message>
        <source>%1 ms  attempt %2: %3 failed: %4 [%5]</source>
        <translation>%1 ms  Versuch %2: %3 fehlgeschlagen: %4 [%5]</translation>
    </message>
    <message>
        <source>%1 ms  attempt %2: %3 cancelled [%4]</source>
        <translation>%1 ms  Versuch %2: %3 abgebrochen [%4]</translation>
    </message>
    <message>
        <source>%1 ms  attempt %2: connected to %3</source>
        <translation>%1 ms  Versuch %2: verbunden mit %3</translation>
    </message>
    <message>
        <source>%1 ms  could not connect: %2</source>
        <translation>%1 ms  keine Verbindung: %2</translation>
    </message>
    <message>
        <source>%1 ms  closed [%2]</source>
        <translation>%1 ms  geschlossen [%2]</translation>
    </message>
    <message>
        <source>%1 ms  %2</source>
        <translation>%1 ms  %2</translation>
    </message>
</context>
<context>
    <name>ConnectedDetails</name>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>UDP: connect() sends nothing, so the first address in the order is used, without a race.</source>
        <translation>UDP: connect() sendet nichts, daher wird ohne Wettlauf die erste Adresse der Reihenfolge genommen.</translation>
    </message>
    <message>
        <source>Socket options: %1.</source>
        <translation>Socket-Optionen: %1.</translation>
    </message>
</context>
<context>
    <name>DescriptorPanel</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Link or address</source>
        <translation>Verweis oder Adresse</translation>
    </message>
    <message>
        <source>A file, opened read-only by path</source>
        <translation>Eine Datei, über ihren Pfad nur lesend geöffnet</translation>
    </message>
    <message>
        <source>The read end of a new pipe</source>
        <translation>Das Leseende einer neuen Pipe</translation>
    </message>
    <message>
        <source>A TCP socket listening on loopback</source>
        <translation>Ein TCP-Socket, der auf Loopback lauscht</translation>
    </message>
    <message>
        <source>One end of a new socket pair</source>
        <translation>Ein Ende eines neuen Socket-Paars</translation>
    </message>
    <message>
        <source>with credentials (SCM_CREDENTIALS)</source>
        <translation>mit Credentials (SCM_CREDENTIALS)</translation>
    </message>
    <message>
        <source>P&amp;ass</source>
        <translation>&amp;Übergeben</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <source>Pa&amp;th:</source>
        <translation>P&amp;fad:</translation>
    </message>
    <message>
        <source>Sent at one end</source>
        <translation>An einem Ende gesendet</translation>
    </message>
    <message>
        <source>Received at the other (MSG_CMSG_CLOEXEC)</source>
        <translation>Am anderen Ende empfangen (MSG_CMSG_CLOEXEC)</translation>
    </message>
    <message>
        <source>path: cannot open “%1”: %2</source>
        <translation>Pfad: „%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The same file arrived: the same device and inode.</source>
        <translation>Dieselbe Datei ist angekommen: gleiches Gerät und gleicher Inode.</translation>
    </message>
    <message>
        <source>Another file arrived than was sent.</source>
        <translation>Es ist eine andere Datei angekommen als die gesendete.</translation>
    </message>
    <message>
        <source>Credentials: pid %1, uid %2, gid %3, as SO_PEERCRED says.</source>
        <translation>Credentials: PID %1, UID %2, GID %3, wie SO_PEERCRED angibt.</translation>
    </message>
    <message>
        <source>Credentials claim pid %1, but SO_PEERCRED, the one to trust, says pid %2.</source>
        <translation>Die Credentials behaupten PID %1, aber SO_PEERCRED, dem zu vertrauen ist, nennt PID %2.</translation>
    </message>
    <message>
        <source>The control data was cut (MSG_CTRUNC): only %1 arrived; the kernel closed the rest.</source>
        <translation>Die Kontrolldaten wurden abgeschnitten (MSG_CTRUNC): Nur %1 sind angekommen; den Rest hat der Kernel geschlossen.</translation>
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
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the log as JSON Lines, the form of the command line&apos;s --json</source>
        <translation>Das Protokoll als JSON Lines speichern, in der Form von --json der Kommandozeile</translation>
    </message>
    <message>
        <source>The filter shows %1 of %2 events.</source>
        <translation>Der Filter zeigt %1 von %2 Ereignissen.</translation>
    </message>
    <message>
        <source>Export all %1</source>
        <translation>Alle %1 exportieren</translation>
    </message>
    <message>
        <source>Export the %1 shown</source>
        <translation>Die %1 gezeigten exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the event log</source>
        <translation>Ereignisprotokoll leeren</translation>
    </message>
    <message>
        <source>Clear all %1</source>
        <translation>Alle %1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n event(s)</source>
        <translation>
            <numerusform>%n Ereignis gelöscht</numerusform>
            <numerusform>%n Ereignisse gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kann %1 nicht lesen: %2</translation>
    </message>
    <message>
        <source>Open an event log</source>
        <translation>Ein Ereignisprotokoll öffnen</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json *.txt);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.json *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open failed</source>
        <translation>Öffnen fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Read %n event(s) from %1</source>
        <translation>
            <numerusform>%n Ereignis aus %1 gelesen</numerusform>
            <numerusform>%n Ereignisse aus %1 gelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n line(s) were no events and were skipped</source>
        <translation>
            <numerusform>; %n Zeile war kein Ereignis und wurde übersprungen</numerusform>
            <numerusform>; %n Zeilen waren keine Ereignisse und wurden übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>The summary counts every event; the filter applies to the log</source>
        <translation>Die Übersicht zählt jedes Ereignis; der Filter gilt für das Protokoll</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>Le&amp;eren</translation>
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
    <message>
        <source>%1 ms after the start</source>
        <translation>%1 ms nach dem Start</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
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
    <name>FdpassCommand</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>a pipe&apos;s read end</source>
        <translation>das Leseende einer Pipe</translation>
    </message>
    <message>
        <source>a TCP socket listening on loopback</source>
        <translation>ein auf Loopback lauschender TCP-Socket</translation>
    </message>
    <message>
        <source>%1, dev %2, inode %3, mode %4</source>
        <translation>%1, Gerät %2, Inode %3, Modus %4</translation>
    </message>
    <message>
        <source>sent      message %1 #%2: fd %3 (%4): %5
</source>
        <translation>gesendet  Nachricht %1 #%2: fd %3 (%4): %5
</translation>
    </message>
    <message>
        <source>received  message %1 #%2: fd %3: %4
</source>
        <translation>empfangen Nachricht %1 #%2: fd %3: %4
</translation>
    </message>
    <message>
        <source>message %1: control data cut off (MSG_CTRUNC): %2 descriptors arrived, room for %3; the kernel closed the rest
</source>
        <translation>Nachricht %1: Kontrolldaten abgeschnitten (MSG_CTRUNC): %2 Deskriptoren angekommen, Platz für %3; der Kernel hat den Rest geschlossen
</translation>
    </message>
    <message>
        <source>message %1: credentials pid %2 uid %3 gid %4; SO_PEERCRED pid %5 uid %6 gid %7: %8
</source>
        <translation>Nachricht %1: Credentials PID %2 UID %3 GID %4; SO_PEERCRED PID %5 UID %6 GID %7: %8
</translation>
    </message>
    <message>
        <source>they agree</source>
        <translation>sie stimmen überein</translation>
    </message>
    <message>
        <source>they disagree (SO_PEERCRED is the kernel&apos;s: trust it)</source>
        <translation>sie weichen ab (SO_PEERCRED stammt vom Kernel: ihm vertrauen)</translation>
    </message>
    <message>
        <source>message %1: not sent: %2
</source>
        <translation>Nachricht %1: nicht gesendet: %2
</translation>
    </message>
    <message>
        <source>%1: the other end closed
</source>
        <translation>%1: das andere Ende wurde geschlossen
</translation>
    </message>
    <message>
        <source>all %1 descriptors arrived as the same files (same device and inode)
</source>
        <translation>alle %1 Deskriptoren kamen als dieselben Dateien an (gleiches Gerät und gleicher Inode)
</translation>
    </message>
    <message>
        <source>%1 of %2 descriptors arrived as the same files
</source>
        <translation>%1 von %2 Deskriptoren kamen als dieselben Dateien an
</translation>
    </message>
    <message>
        <source>Passes descriptors over a Unix socket pair (SCM_RIGHTS, as Perl&apos;s IO::FDPass): by default a file, a pipe end and a socket of its own, or each PATH opened read-only. Shows the identity of each descriptor sent and received (type, dev, inode, mode, /proc link, socket addresses) and the sender&apos;s credentials beside SO_PEERCRED, and checks that each arrived as the same file. Exit status 0 when all did, 1 when not (a control space smaller than a message cuts descriptors off: MSG_CTRUNC).</source>
        <translation>Übergibt Deskriptoren über ein Unix-Socket-Paar (SCM_RIGHTS, wie IO::FDPass in Perl): standardmäßig eine Datei, ein Pipe-Ende und einen eigenen Socket, oder jeden PFAD, nur lesend geöffnet. Zeigt die Identität jedes gesendeten und empfangenen Deskriptors (Typ, Gerät, Inode, Modus, /proc-Link, Socket-Adressen) und die Credentials des Senders neben SO_PEERCRED und prüft, ob jeder als dieselbe Datei angekommen ist. Exit-Status 0, wenn das für alle gilt, sonst 1 (ein Kontrollbereich, der kleiner als eine Nachricht ist, schneidet Deskriptoren ab: MSG_CTRUNC).</translation>
    </message>
    <message>
        <source>Files to open read-only and pass.</source>
        <translation>Dateien, die nur lesend geöffnet und übergeben werden.</translation>
    </message>
    <message>
        <source>[PATH...]</source>
        <translation>[PFAD...]</translation>
    </message>
    <message>
        <source>Descriptors in each message (1-253; default: all in one).</source>
        <translation>Deskriptoren je Nachricht (1-253; Vorgabe: alle in einer).</translation>
    </message>
    <message>
        <source>Descriptors the receiving control buffer has room for (1-253; default 253).</source>
        <translation>Deskriptoren, für die der empfangende Kontrollpuffer Platz hat (1-253; Vorgabe 253).</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
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
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>unique local</source>
        <translation>eindeutig lokal</translation>
    </message>
    <message>
        <source>connect to it as %1%%2</source>
        <translation>verbinden als %1%%2</translation>
    </message>
    <message>
        <source>preferred for %1 s, valid for %2 s</source>
        <translation>bevorzugt für %1 s, gültig für %2 s</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
</context>
<context>
    <name>InterfacesTab</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>IpcTab</name>
    <message>
        <source>&amp;Pipes and socket pairs</source>
        <translation>&amp;Pipes und Socket-Paare</translation>
    </message>
    <message>
        <source>Pro&amp;grams</source>
        <translation>Pro&amp;gramme</translation>
    </message>
    <message>
        <source>&amp;Descriptor passing</source>
        <translation>Desk&amp;riptoren übergeben</translation>
    </message>
    <message>
        <source>S&amp;ystem V</source>
        <translation>S&amp;ystem V</translation>
    </message>
</context>
<context>
    <name>ListCommand</name>
    <message>
        <source>Lists every System V object (shared memory, semaphore sets, message queues) of this IPC namespace, from /proc/sysvipc. A segment removed while still attached is shown as removed: it goes at its last detach.</source>
        <translation>Listet jedes System-V-Objekt (Shared-Memory-Segmente, Semaphormengen, Nachrichtenwarteschlangen) dieses IPC-Namensraums aus /proc/sysvipc auf. Ein Segment, das entfernt wurde, aber noch angehängt ist, wird als entfernt gezeigt: Es verschwindet beim letzten Abhängen.</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>cannot read /proc/sysvipc: %1</source>
        <translation>/proc/sysvipc kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no System V objects
</source>
        <translation>keine System-V-Objekte
</translation>
    </message>
    <message>
        <source>%1 id %2 key %3 mode %4 uid %5</source>
        <translation>%1 ID %2 Schlüssel %3 Modus %4 UID %5</translation>
    </message>
    <message>
        <source>, %1 bytes, attached %2</source>
        <translation>, %1 Bytes, %2-mal angehängt</translation>
    </message>
    <message>
        <source>, removed: goes at its last detach</source>
        <translation>, entfernt: verschwindet beim letzten Abhängen</translation>
    </message>
    <message numerus="yes">
        <source>, %n semaphore(s)</source>
        <translation>
            <numerusform>, %n Semaphor</numerusform>
            <numerusform>, %n Semaphoren</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 message(s), %2 bytes queued</source>
        <translation>, %1 Nachricht(en), %2 Bytes in der Warteschlange</translation>
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
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
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
    <message>
        <source>&amp;Open event log…</source>
        <translation>Ereignisprotokoll ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>The engine&apos;s event loop failed (%1): no further events will arrive. Save the log and restart Sockscope.</source>
        <translation>Die Ereignisschleife der Engine ist gescheitert (%1): es kommen keine Ereignisse mehr. Sichern Sie das Protokoll und starten Sie Sockscope neu.</translation>
    </message>
    <message>
        <source>Event loop failed</source>
        <translation>Ereignisschleife gescheitert</translation>
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
    <message>
        <source>tcp, udp, a name from /etc/protocols (icmp, sctp, ...), or a number from 0 to 255</source>
        <translation>tcp, udp, einen Namen aus /etc/protocols (icmp, sctp, ...) oder eine Zahl von 0 bis 255</translation>
    </message>
    <message>
        <source>any, inet or inet6</source>
        <translation>any, inet oder inet6</translation>
    </message>
    <message>
        <source>sorted, inet6 or inet</source>
        <translation>sorted, inet6 oder inet</translation>
    </message>
    <message>
        <source>any, stream, dgram or raw</source>
        <translation>any, stream, dgram oder raw</translation>
    </message>
    <message>
        <source>addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all or idn</source>
        <translation>addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all oder idn</translation>
    </message>
    <message>
        <source>“%1” is not accepted; use %2</source>
        <translation>„%1“ wird nicht angenommen; erlaubt sind %2</translation>
    </message>
    <message>
        <source>connect order</source>
        <translation>Verbindungsreihenfolge</translation>
    </message>
    <message>
        <source>addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>requested family</source>
        <translation>verlangte Familie</translation>
    </message>
    <message>
        <source>requested type</source>
        <translation>verlangter Typ</translation>
    </message>
    <message>
        <source>requested protocol</source>
        <translation>verlangtes Protokoll</translation>
    </message>
    <message>
        <source>canonical name</source>
        <translation>kanonischer Name</translation>
    </message>
    <message>
        <source>fallback port used</source>
        <translation>Ersatzport benutzt</translation>
    </message>
    <message>
        <source>connect order rule</source>
        <translation>Regel der Verbindungsreihenfolge</translation>
    </message>
    <message>
        <source>first family</source>
        <translation>erste Familie</translation>
    </message>
    <message>
        <source>first family count</source>
        <translation>Anzahl der ersten Familie</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>confirmation failed</source>
        <translation>Bestätigung gescheitert</translation>
    </message>
    <message>
        <source>line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>nsswitch hosts</source>
        <translation>nsswitch hosts</translation>
    </message>
    <message>
        <source>hosts lines</source>
        <translation>hosts-Zeilen</translation>
    </message>
    <message>
        <source>name servers</source>
        <translation>Nameserver</translation>
    </message>
    <message>
        <source>ignored name servers</source>
        <translation>ignorierte Nameserver</translation>
    </message>
    <message>
        <source>search domains</source>
        <translation>Suchdomänen</translation>
    </message>
    <message>
        <source>names asked</source>
        <translation>gefragte Namen</translation>
    </message>
    <message>
        <source>AI_ADDRCONFIG</source>
        <translation>AI_ADDRCONFIG</translation>
    </message>
    <message>
        <source>counted IPv4</source>
        <translation>gezählte IPv4</translation>
    </message>
    <message>
        <source>counted IPv6</source>
        <translation>gezählte IPv6</translation>
    </message>
    <message>
        <source>gai.conf rules</source>
        <translation>gai.conf-Regeln</translation>
    </message>
    <message>
        <source>Run started</source>
        <translation>Lauf gestartet</translation>
    </message>
    <message>
        <source>Timed out: no answer within the time allowed</source>
        <translation>Zeitüberschreitung: keine Antwort in der erlaubten Zeit</translation>
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
        <source>Connection attempt cancelled</source>
        <translation>Verbindungsversuch abgebrochen</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting failed</source>
        <translation>Verbinden fehlgeschlagen</translation>
    </message>
    <message>
        <source>Family resolved</source>
        <translation>Familie aufgelöst</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>local address</source>
        <translation>lokale Adresse</translation>
    </message>
    <message>
        <source>local port</source>
        <translation>lokaler Port</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>bytes in</source>
        <translation>Bytes herein</translation>
    </message>
    <message>
        <source>bytes out</source>
        <translation>Bytes hinaus</translation>
    </message>
    <message>
        <source>“%1” is no escape: use \n, \r, \t, \0, \\ or \x with two hex digits</source>
        <translation>„%1“ ist kein Escape: erlaubt sind \n, \r, \t, \0, \\ oder \x mit zwei Hex-Ziffern</translation>
    </message>
    <message>
        <source>stream, dgram or seqpacket</source>
        <translation>stream, dgram oder seqpacket</translation>
    </message>
    <message>
        <source>on or off</source>
        <translation>on oder off</translation>
    </message>
    <message>
        <source>happy-eyeballs or sequential</source>
        <translation>happy-eyeballs oder sequential</translation>
    </message>
    <message>
        <source>“%1” is a name; give a numeric address</source>
        <translation>„%1“ ist ein Name; bitte eine numerische Adresse angeben</translation>
    </message>
    <message>
        <source>a Unix socket is no local IP address to bind</source>
        <translation>ein Unix-Socket ist keine lokale IP-Adresse zum Binden</translation>
    </message>
    <message>
        <source>“%1” is %2 characters long; at most %3</source>
        <translation>„%1“ ist %2 Zeichen lang; höchstens %3</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>socket options</source>
        <translation>Socket-Optionen</translation>
    </message>
    <message>
        <source>option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>asked</source>
        <translation>verlangt</translation>
    </message>
    <message>
        <source>in effect</source>
        <translation>wirksam</translation>
    </message>
    <message>
        <source>device asked</source>
        <translation>verlangtes Gerät</translation>
    </message>
    <message>
        <source>device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>local path</source>
        <translation>lokaler Pfad</translation>
    </message>
    <message>
        <source>resolver timeout (s)</source>
        <translation>Resolver-Zeitlimit (s)</translation>
    </message>
    <message>
        <source>resolver attempts</source>
        <translation>Resolver-Versuche</translation>
    </message>
    <message>
        <source>ndots</source>
        <translation>ndots</translation>
    </message>
    <message>
        <source>does not apply here; use %1 instead</source>
        <translation>gilt hier nicht; stattdessen %1 verwenden</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Lauscht</translation>
    </message>
    <message>
        <source>Peer accepted</source>
        <translation>Gegenseite angenommen</translation>
    </message>
    <message>
        <source>Peer refused</source>
        <translation>Gegenseite abgewiesen</translation>
    </message>
    <message>
        <source>Peer closed</source>
        <translation>Gegenseite geschlossen</translation>
    </message>
    <message>
        <source>Accepting paused</source>
        <translation>Annehmen pausiert</translation>
    </message>
    <message>
        <source>Accepting resumed</source>
        <translation>Annehmen fortgesetzt</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>Server gestoppt</translation>
    </message>
    <message>
        <source>echo, discard, daytime, chargen, time, greeter, command, logger, forward or manual</source>
        <translation>echo, discard, daytime, chargen, time, greeter, command, logger, forward oder manual</translation>
    </message>
    <message>
        <source>in-loop, fork or prefork</source>
        <translation>in-loop, fork oder prefork</translation>
    </message>
    <message>
        <source>is needed by %1</source>
        <translation>wird von %1 benötigt</translation>
    </message>
    <message>
        <source>applies only to %1</source>
        <translation>gilt nur für %1</translation>
    </message>
    <message>
        <source>forward to</source>
        <translation>weiterleiten an</translation>
    </message>
    <message>
        <source>Peer logged</source>
        <translation>Gegenstelle protokolliert</translation>
    </message>
    <message>
        <source>Peer&apos;s process</source>
        <translation>Prozess der Gegenstelle</translation>
    </message>
    <message>
        <source>Worker started</source>
        <translation>Arbeitsprozess gestartet</translation>
    </message>
    <message>
        <source>Worker exited</source>
        <translation>Arbeitsprozess beendet</translation>
    </message>
    <message>
        <source>Restarted</source>
        <translation>Neu gestartet</translation>
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
        <source>signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>pid</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>a name such as USR1 or SIGUSR1, a number, or RTMIN+n (&apos;sockscope signals list&apos; shows them all)</source>
        <translation>ein Name wie USR1 oder SIGUSR1, eine Zahl oder RTMIN+n (&apos;sockscope signals list&apos; zeigt alle)</translation>
    </message>
    <message>
        <source>%1 cannot be watched: SIGKILL and SIGSTOP cannot be caught, and SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP and SIGSYS report a fault of the program itself</source>
        <translation>%1 kann nicht beobachtet werden: SIGKILL und SIGSTOP lassen sich nicht abfangen, und SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP und SIGSYS melden einen Fehler des Programms selbst</translation>
    </message>
    <message>
        <source>Signal received</source>
        <translation>Signal empfangen</translation>
    </message>
    <message>
        <source>Signal sent</source>
        <translation>Signal gesendet</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>End opened</source>
        <translation>Ende geöffnet</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>End closed</source>
        <translation>Ende geschlossen</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>System V object</source>
        <translation>System-V-Objekt</translation>
    </message>
    <message>
        <source>Descriptor sent</source>
        <translation>Deskriptor gesendet</translation>
    </message>
    <message>
        <source>Descriptor received</source>
        <translation>Deskriptor empfangen</translation>
    </message>
    <message>
        <source>Credentials received</source>
        <translation>Credentials empfangen</translation>
    </message>
    <message>
        <source>Control data truncated</source>
        <translation>Kontrolldaten abgeschnitten</translation>
    </message>
    <message>
        <source>Socket appeared</source>
        <translation>Socket erschienen</translation>
    </message>
    <message>
        <source>Socket gone</source>
        <translation>Socket verschwunden</translation>
    </message>
</context>
<context>
    <name>PeersModel</name>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>closed (%1)</source>
        <translation>geschlossen (%1)</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenseite</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes herein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes hinaus</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>%1 (not confirmed)</source>
        <translation>%1 (nicht bestätigt)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Arbeitsprozess</translation>
    </message>
</context>
<context>
    <name>ProgramPanel</name>
    <message>
        <source>Its output, standard error marked</source>
        <translation>Seine Ausgabe, Standardfehler markiert</translation>
    </message>
    <message>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Remote or path</source>
        <translation>Gegenstelle oder Pfad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Program and arguments, e.g. /bin/cat or ls -l /tmp (no shell)</source>
        <translation>Programm und Argumente, z. B. /bin/cat oder ls -l /tmp (ohne Shell)</translation>
    </message>
    <message>
        <source>as a &amp;daemon</source>
        <translation>als Dae&amp;mon</translation>
    </message>
    <message>
        <source>A session of its own, working directory /, standard descriptors on /dev/null</source>
        <translation>Eine eigene Sitzung, Arbeitsverzeichnis /, Standarddeskriptoren auf /dev/null</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>A line for its standard input</source>
        <translation>Eine Zeile für seine Standardeingabe</translation>
    </message>
    <message>
        <source>Send line</source>
        <translation>Zeile senden</translation>
    </message>
    <message>
        <source>Close input (EOF)</source>
        <translation>Eingabe schließen (EOF)</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Hart beenden</translation>
    </message>
    <message>
        <source>SIGHUP</source>
        <translation>SIGHUP</translation>
    </message>
    <message>
        <source>Send SIGHUP: a server that restarts on it keeps its pid and sockets; others die of it</source>
        <translation>SIGHUP senden: Ein Server, der daraufhin neu startet, behält seine PID und seine Sockets; andere Programme werden dadurch beendet</translation>
    </message>
    <message>
        <source>Type a program to start.</source>
        <translation>Geben Sie ein Programm zum Starten ein.</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>[stderr] %1</source>
        <translation>[stderr] %1</translation>
    </message>
    <message>
        <source>Running, pid %1.</source>
        <translation>Läuft, PID %1.</translation>
    </message>
    <message>
        <source>Ended by %1.</source>
        <translation>Durch %1 beendet.</translation>
    </message>
    <message>
        <source>Exited with status %1.</source>
        <translation>Mit Status %1 beendet.</translation>
    </message>
    <message>
        <source>&amp;own process group</source>
        <translation>eigene Pr&amp;ozessgruppe</translation>
    </message>
    <message>
        <source>A process group of its own, so the Signals tab can signal it and its children together</source>
        <translation>Eine eigene Prozessgruppe, damit der Reiter Signale es und seine Kinder zusammen erreichen kann</translation>
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
        <source>the service name is unknown: the fallback port was used</source>
        <translation>der Dienstname ist unbekannt: der Ersatzport wurde verwendet</translation>
    </message>
    <message>
        <source>canonical name: %1</source>
        <translation>kanonischer Name: %1</translation>
    </message>
    <message>
        <source>Why this answer:</source>
        <translation>Warum diese Antwort:</translation>
    </message>
    <message>
        <source>Which family a connector tries first: sorted (the family of the first address, as RFC 6724 and gai.conf sort them), inet6 or inet.</source>
        <translation>Welche Familie ein Verbindungsaufbau zuerst versucht: sorted (die Familie der ersten Adresse, wie RFC 6724 und gai.conf sortieren), inet6 oder inet.</translation>
    </message>
    <message>
        <source>Addresses of the first family tried before the families alternate (RFC 8305): 1 or 2.</source>
        <translation>Adressen der ersten Familie, die versucht werden, bevor die Familien wechseln (RFC 8305): 1 oder 2.</translation>
    </message>
    <message>
        <source>reading the target list failed: %1</source>
        <translation>das Lesen der Zielliste ist gescheitert: %1</translation>
    </message>
    <message>
        <source>%1: %2: %3 (%4 ms)</source>
        <translation>%1: %2: %3 (%4 ms)</translation>
    </message>
    <message>
        <source> in %1 ms</source>
        <translation> in %1 ms</translation>
    </message>
</context>
<context>
    <name>ResolveResultsModel</name>
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
    <message>
        <source>Not tried by a connector: another socket type, or an address already tried</source>
        <translation>Nicht von einem Verbindungsaufbau versucht: ein anderer Sockettyp oder eine schon versuchte Adresse</translation>
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
        <source>Resolving…</source>
        <translation>Löse auf…</translation>
    </message>
    <message>
        <source>host, host:service, [::1]:443, host:http(8080)</source>
        <translation>Host, Host:Dienst, [::1]:443, Host:http(8080)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
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
        <source>Look up the name of every address (getnameinfo), and whether it resolves back</source>
        <translation>Den Namen jeder Adresse nachschlagen (getnameinfo), und ob er zurück auf sie auflöst</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Failed after %1 ms</source>
        <translation>Fehlgeschlagen nach %1 ms</translation>
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
    <message>
        <source>&amp;Resolve</source>
        <translation>Auflö&amp;sen</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>as sorted</source>
        <translation>wie sortiert</translation>
    </message>
    <message>
        <source>IPv6 first</source>
        <translation>IPv6 zuerst</translation>
    </message>
    <message>
        <source>IPv4 first</source>
        <translation>IPv4 zuerst</translation>
    </message>
    <message>
        <source>Which family a connector tries first (RFC 8305): the family of the first address as RFC 6724 and gai.conf sort them, or the one you choose</source>
        <translation>Welche Familie ein Verbindungsaufbau zuerst versucht (RFC 8305): die Familie der ersten Adresse, wie RFC 6724 und gai.conf sortieren, oder die gewählte</translation>
    </message>
    <message>
        <source>First Address Family Count (RFC 8305): addresses of the first family tried before the families alternate</source>
        <translation>First Address Family Count (RFC 8305): Adressen der ersten Familie, die versucht werden, bevor die Familien wechseln</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protokoll:</translation>
    </message>
    <message>
        <source>Connect &amp;order:</source>
        <translation>&amp;Reihenfolge:</translation>
    </message>
    <message>
        <source>With reverse names: fail where an address has no name, instead of showing it as a number</source>
        <translation>Mit Rückwärtsnamen: scheitern, wo eine Adresse keinen Namen hat, statt sie als Zahl zu zeigen</translation>
    </message>
    <message>
        <source> in %1 ms</source>
        <translation> in %1 ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>F&amp;lags:</source>
        <translation>F&amp;lags:</translation>
    </message>
    <message>
        <source>Fa&amp;mily:</source>
        <translation>&amp;Familie:</translation>
    </message>
    <message>
        <source>Rever&amp;se names</source>
        <translation>R&amp;ückwärtsnamen</translation>
    </message>
    <message>
        <source>Connect to this address</source>
        <translation>Mit dieser Adresse verbinden</translation>
    </message>
    <message>
        <source>Connect to the whole answer (happy eyeballs over every address)</source>
        <translation>Mit der ganzen Antwort verbinden (Happy Eyeballs über alle Adressen)</translation>
    </message>
    <message>
        <source>Choose an address first.</source>
        <translation>Zuerst eine Adresse wählen.</translation>
    </message>
    <message>
        <source>These addresses have no port: give a service (host:port) to connect.</source>
        <translation>Diese Adressen haben keinen Port: zum Verbinden einen Dienst angeben (Host:Port).</translation>
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
    <message>
        <source>no host and AI_PASSIVE: the wildcard addresses, nothing is looked up</source>
        <translation>kein Host und AI_PASSIVE: die Platzhalteradressen, nichts wird nachgeschlagen</translation>
    </message>
    <message>
        <source>no host: the loopback addresses, nothing is looked up</source>
        <translation>kein Host: die Loopback-Adressen, nichts wird nachgeschlagen</translation>
    </message>
    <message>
        <source>numeric address, no lookup</source>
        <translation>numerische Adresse, keine Abfrage</translation>
    </message>
    <message>
        <source>AI_NUMERICHOST is set and “%1” is not numeric: nothing is looked up</source>
        <translation>AI_NUMERICHOST ist gesetzt und „%1“ ist nicht numerisch: nichts wird nachgeschlagen</translation>
    </message>
    <message>
        <source>%1 and %2 do not go together</source>
        <translation>%1 und %2 passen nicht zusammen</translation>
    </message>
    <message>
        <source>AI_ADDRCONFIG and no IPv4 address is configured: refused without a lookup</source>
        <translation>AI_ADDRCONFIG und keine IPv4-Adresse ist konfiguriert: ohne Abfrage abgelehnt</translation>
    </message>
    <message>
        <source>AI_ADDRCONFIG and no IPv6 address is configured: refused without a lookup</source>
        <translation>AI_ADDRCONFIG und keine IPv6-Adresse ist konfiguriert: ohne Abfrage abgelehnt</translation>
    </message>
    <message>
        <source>answered by /etc/hosts line %1; DNS not asked</source>
        <translation>beantwortet von /etc/hosts Zeile %1; DNS nicht gefragt</translation>
    </message>
    <message>
        <source>answered by DNS: /etc/hosts has no line for it</source>
        <translation>beantwortet von DNS: /etc/hosts hat keine Zeile dafür</translation>
    </message>
    <message>
        <source>DNS did not answer: the name servers failed or timed out</source>
        <translation>DNS hat nicht geantwortet: die Nameserver sind gescheitert oder haben nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>unknown: the resolver configuration could not be read</source>
        <translation>unbekannt: die Resolver-Konfiguration konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 (skipped: another family than requested)</source>
        <translation>%1 (übersprungen: eine andere Familie als verlangt)</translation>
    </message>
    <message>
        <source>unknown: the configured addresses could not be read (glibc then keeps both)</source>
        <translation>unbekannt: die konfigurierten Adressen konnten nicht gelesen werden (glibc behält dann beide)</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es)</source>
        <translation>
            <numerusform>%n Adresse</numerusform>
            <numerusform>%n Adressen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n entries</source>
        <translation>
            <numerusform>%1 in %n Eintrag</numerusform>
            <numerusform>%1 in %n Einträgen</numerusform>
        </translation>
    </message>
    <message>
        <source>connect order: %1 (%2)</source>
        <translation>Verbindungsreihenfolge: %1 (%2)</translation>
    </message>
    <message>
        <source>one family only: getaddrinfo&apos;s order</source>
        <translation>nur eine Familie: die Reihenfolge von getaddrinfo</translation>
    </message>
    <message>
        <source>%1 first, as the sorted answer starts (RFC 6724, gai.conf)</source>
        <translation>%1 zuerst, wie die sortierte Antwort beginnt (RFC 6724, gai.conf)</translation>
    </message>
    <message>
        <source>%1 first, as chosen (prefer IPv6)</source>
        <translation>%1 zuerst, wie gewählt (IPv6 bevorzugt)</translation>
    </message>
    <message>
        <source>%1 first, as chosen (prefer IPv4)</source>
        <translation>%1 zuerst, wie gewählt (IPv4 bevorzugt)</translation>
    </message>
    <message>
        <source>; %1 of it before the families alternate</source>
        <translation>; %1 davon, bevor die Familien wechseln</translation>
    </message>
    <message>
        <source>RFC 8305: %1, then the families alternate</source>
        <translation>RFC 8305: %1, dann wechseln die Familien</translation>
    </message>
    <message>
        <source>no name: %1 (%2)</source>
        <translation>kein Name: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 (not confirmed: %2, %3)</source>
        <translation>%1 (nicht bestätigt: %2, %3)</translation>
    </message>
    <message>
        <source>%1 (confirmed)</source>
        <translation>%1 (bestätigt)</translation>
    </message>
    <message>
        <source>%1 (no name)</source>
        <translation>%1 (kein Name)</translation>
    </message>
    <message>
        <source>%1 (does not resolve back)</source>
        <translation>%1 (löst nicht zurück auf)</translation>
    </message>
    <message>
        <source>answered by DNS, or by /etc/hosts line %1 if DNS did not know it: nsswitch.conf asks DNS first</source>
        <translation>beantwortet von DNS, oder von /etc/hosts Zeile %1, falls DNS es nicht kannte: nsswitch.conf fragt zuerst DNS</translation>
    </message>
    <message>
        <source>answered by a source of nsswitch.conf other than /etc/hosts and DNS</source>
        <translation>beantwortet von einer anderen Quelle aus nsswitch.conf als /etc/hosts und DNS</translation>
    </message>
    <message>
        <source>neither /etc/hosts nor DNS knows “%1” (for this family)</source>
        <translation>weder /etc/hosts noch DNS kennt „%1“ (für diese Familie)</translation>
    </message>
    <message>
        <source>no source of nsswitch.conf knows “%1” (for this family)</source>
        <translation>keine Quelle aus nsswitch.conf kennt „%1“ (für diese Familie)</translation>
    </message>
    <message>
        <source>the service “%1” is not known for this socket type (/etc/services)</source>
        <translation>der Dienst „%1“ ist für diesen Sockettyp nicht bekannt (/etc/services)</translation>
    </message>
    <message>
        <source>getaddrinfo failed: %1 (%2)</source>
        <translation>getaddrinfo ist gescheitert: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Starts PROGRAM with ARGS (no shell: a name is looked up in PATH) and shows what it does: its output, as it is or with --json as events (child-started, data with its stream, child-exited). Standard input goes to the program. The exit status is the program&apos;s, or 128+N when signal N ended it.</source>
        <translation>Startet PROGRAMM mit ARGUMENTEN (ohne Shell: ein Name wird in PATH gesucht) und zeigt, was es tut: seine Ausgabe, wie sie ist, oder mit --json als Ereignisse (child-started, data mit ihrem Datenstrom, child-exited). Die Standardeingabe geht an das Programm. Der Exit-Status ist der des Programms, oder 128+N, wenn Signal N es beendet hat.</translation>
    </message>
    <message>
        <source>The program and its arguments.</source>
        <translation>Das Programm und seine Argumente.</translation>
    </message>
    <message>
        <source>[--] PROGRAM [ARGS...]</source>
        <translation>[--] PROGRAMM [ARGUMENTE...]</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
</context>
<context>
    <name>SavedMessagesModel</name>
    <message>
        <source>hex: %1</source>
        <translation>hex: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>BEHAVIOUR</source>
        <translation>VERHALTEN</translation>
    </message>
    <message>
        <source>Where to listen: host:port, [v6]:port, :port (loopback, both families), unix:/path, unix:name (in a private directory) or unix:@name. May be given several times.</source>
        <translation>Wo gelauscht wird: Host:Port, [v6]:Port, :Port (Loopback, beide Familien), unix:/Pfad, unix:Name (in einem privaten Verzeichnis) oder unix:@Name. Mehrfach möglich.</translation>
    </message>
    <message>
        <source>endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Peers at once; one more is refused (1 to 1000000).</source>
        <translation>Gegenseiten zugleich; eine weitere wird abgewiesen (1 bis 1000000).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Milliseconds without data after which a peer is closed; 0 for none.</source>
        <translation>Millisekunden ohne Daten, nach denen eine Gegenseite geschlossen wird; 0 für keine.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Stop after this many seconds; 0 to run until stopped.</source>
        <translation>Nach so vielen Sekunden stoppen; 0 läuft bis zum Stopp.</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>Runs a server with BEHAVIOUR (echo, discard, daytime, chargen, time, greeter, command, logger, forward with --to, or manual: standard input goes to every peer) and shows who connects. Without --listen it listens on 127.0.0.1 and ::1, on one port the kernel picks.</source>
        <translation>Startet einen Server mit VERHALTEN (echo, discard, daytime, chargen, time, greeter, command, logger, forward mit --to, oder manual: die Standardeingabe geht an jede Gegenstelle) und zeigt, wer sich verbindet. Ohne --listen lauscht er auf 127.0.0.1 und ::1, auf einem Port, den der Kernel wählt.</translation>
    </message>
    <message>
        <source>echo, discard, daytime, chargen, time, greeter, command, logger, forward or manual</source>
        <translation>echo, discard, daytime, chargen, time, greeter, command, logger, forward oder manual</translation>
    </message>
    <message>
        <source>Server model: in-loop (every peer on the event loop), fork (a worker process per peer) or prefork (a pool of --children workers accepting).</source>
        <translation>Servermodell: in-loop (jede Gegenstelle in der Ereignisschleife), fork (ein Arbeitsprozess je Gegenstelle) oder prefork (ein Vorrat von --children Arbeitsprozessen, die annehmen).</translation>
    </message>
    <message>
        <source>prefork: the number of workers (1 to 256).</source>
        <translation>prefork: die Zahl der Arbeitsprozesse (1 bis 256).</translation>
    </message>
    <message>
        <source>forward: where each peer&apos;s connection goes (host:port, unix:/path).</source>
        <translation>forward: wohin die Verbindung jeder Gegenstelle geht (host:port, unix:/pfad).</translation>
    </message>
    <message>
        <source>target</source>
        <translation>ziel</translation>
    </message>
    <message>
        <source>Do not look up the names of peers.</source>
        <translation>Die Namen der Gegenstellen nicht nachschlagen.</translation>
    </message>
    <message>
        <source>Find the process at the other end of each loopback TCP peer (from /proc).</source>
        <translation>Den Prozess am anderen Ende jeder Loopback-TCP-Gegenstelle finden (aus /proc).</translation>
    </message>
</context>
<context>
    <name>ServeText</name>
    <message>
        <source>%1 ms  listening on %2</source>
        <translation>%1 ms  lauscht auf %2</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: accepted on %3, pid %4 uid %5 gid %6</source>
        <translation>%1 ms  Gegenseite %2: angenommen auf %3, PID %4 UID %5 GID %6</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: accepted from %3</source>
        <translation>%1 ms  Gegenseite %2: angenommen von %3</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: closed [%3], %4 bytes in, %5 out</source>
        <translation>%1 ms  Gegenseite %2: geschlossen [%3], %4 Bytes herein, %5 hinaus</translation>
    </message>
    <message>
        <source>%1 ms  refused %2 [%3]</source>
        <translation>%1 ms  %2 abgewiesen [%3]</translation>
    </message>
    <message>
        <source>%1 ms  accepting paused: %2</source>
        <translation>%1 ms  Annehmen pausiert: %2</translation>
    </message>
    <message>
        <source>%1 ms  accepting again</source>
        <translation>%1 ms  nimmt wieder an</translation>
    </message>
    <message>
        <source>%1 ms  error (%2) %3: %4</source>
        <translation>%1 ms  Fehler (%2) %3: %4</translation>
    </message>
    <message>
        <source>%1 ms  stopped [%2]</source>
        <translation>%1 ms  gestoppt [%2]</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: no name for %3: %4</source>
        <translation>%1 ms  Gegenstelle %2: kein Name für %3: %4</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: %3 is %4 (confirmed)</source>
        <translation>%1 ms  Gegenstelle %2: %3 ist %4 (bestätigt)</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: %3 claims to be %4 (not confirmed)</source>
        <translation>%1 ms  Gegenstelle %2: %3 gibt sich als %4 aus (nicht bestätigt)</translation>
    </message>
    <message numerus="yes">
        <source>%1 ms  peer %2: logged %3, name %4, first %n byte(s): %5</source>
        <translation>
            <numerusform>%1 ms  Gegenstelle %2: %3 protokolliert, Name %4, erstes Byte: %5</numerusform>
            <numerusform>%1 ms  Gegenstelle %2: %3 protokolliert, Name %4, erste %n Bytes: %5</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: process %3 (%4)</source>
        <translation>%1 ms  Gegenstelle %2: Prozess %3 (%4)</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: owner unknown (%3)</source>
        <translation>%1 ms  Gegenstelle %2: Besitzer unbekannt (%3)</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: owner not found</source>
        <translation>%1 ms  Gegenstelle %2: Besitzer nicht gefunden</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: forwarding to %3</source>
        <translation>%1 ms  Gegenstelle %2: Weiterleitung an %3</translation>
    </message>
    <message>
        <source>%1 ms  peer %2: cannot forward to %3: %4</source>
        <translation>%1 ms  Gegenstelle %2: Weiterleitung an %3 nicht möglich: %4</translation>
    </message>
    <message>
        <source>%1 ms  worker %2 started</source>
        <translation>%1 ms  Arbeitsprozess %2 gestartet</translation>
    </message>
    <message>
        <source>%1 ms  worker %2 ended by %3</source>
        <translation>%1 ms  Arbeitsprozess %2 durch %3 beendet</translation>
    </message>
    <message>
        <source>%1 ms  worker %2 exited with status %3</source>
        <translation>%1 ms  Arbeitsprozess %2 mit Status %3 beendet</translation>
    </message>
    <message>
        <source>%1 ms  restarted (pid %2, restart %3), listening sockets kept</source>
        <translation>%1 ms  neu gestartet (PID %2, Neustart %3), lauschende Sockets behalten</translation>
    </message>
</context>
<context>
    <name>ServersController</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>owner unknown (%1)</source>
        <translation>Besitzer unbekannt (%1)</translation>
    </message>
    <message>
        <source>owner not found</source>
        <translation>Besitzer nicht gefunden</translation>
    </message>
</context>
<context>
    <name>ServersModel</name>
    <message>
        <source>%1 now, %2 in all</source>
        <translation>%1 jetzt, %2 insgesamt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopped (%1)</source>
        <translation>gestoppt (%1)</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Listening on</source>
        <translation>Lauscht auf</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Gegenseiten</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes herein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes hinaus</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message numerus="yes">
        <source>running (restarted %n time(s))</source>
        <translation>
            <numerusform>läuft (%n-mal neu gestartet)</numerusform>
            <numerusform>läuft (%n-mal neu gestartet)</numerusform>
        </translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
</context>
<context>
    <name>ServersTab</name>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>Where to listen: loopback (both families), an address of this machine, or typed</source>
        <translation>Wo gelauscht wird: Loopback (beide Familien), eine Adresse dieses Rechners oder eingegeben</translation>
    </message>
    <message>
        <source>any port</source>
        <translation>beliebiger Port</translation>
    </message>
    <message>
        <source>Sta&amp;rt</source>
        <translation>Sta&amp;rten</translation>
    </message>
    <message>
        <source>Stop ser&amp;ver</source>
        <translation>Ser&amp;ver stoppen</translation>
    </message>
    <message>
        <source>Be&amp;haviour:</source>
        <translation>&amp;Verhalten:</translation>
    </message>
    <message>
        <source>Listen o&amp;n:</source>
        <translation>Lauschen a&amp;uf:</translation>
    </message>
    <message>
        <source>loopback (127.0.0.1 and ::1)</source>
        <translation>Loopback (127.0.0.1 und ::1)</translation>
    </message>
    <message>
        <source>%1 is not loopback: other machines may be able to connect.</source>
        <translation>%1 ist kein Loopback: andere Rechner können sich womöglich verbinden.</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Started %1.</source>
        <translation>%1 gestartet.</translation>
    </message>
    <message>
        <source>Text for the peer (\r \n \t \xHH; a newline is added)</source>
        <translation>Text für die Gegenseite (\r \n \t \xHH; ein Zeilenende wird angehängt)</translation>
    </message>
    <message>
        <source>Send to &amp;peer</source>
        <translation>An Gegenseite sen&amp;den</translation>
    </message>
    <message>
        <source>Send to a&amp;ll</source>
        <translation>An a&amp;lle senden</translation>
    </message>
    <message>
        <source>Close peer</source>
        <translation>Gegenseite schließen</translation>
    </message>
    <message>
        <source>Abort peer (RST)</source>
        <translation>Gegenseite abbrechen (RST)</translation>
    </message>
    <message>
        <source>Half-close peer</source>
        <translation>Gegenseite halb schließen</translation>
    </message>
    <message>
        <source>Choose an open peer first.</source>
        <translation>Zuerst eine offene Gegenseite wählen.</translation>
    </message>
    <message>
        <source>The selected peer&apos;s bytes, both ways</source>
        <translation>Die Bytes der gewählten Gegenstelle, in beide Richtungen</translation>
    </message>
    <message>
        <source>in-loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <source>fork per peer</source>
        <translation>fork</translation>
    </message>
    <message>
        <source>pre-forked pool</source>
        <translation>prefork-Vorrat</translation>
    </message>
    <message>
        <source>in-loop: every peer on the event loop; fork: a worker process per peer; pre-forked: a pool of workers that accept</source>
        <translation>in der Schleife: jede Gegenstelle in der Ereignisschleife; fork: ein Arbeitsprozess je Gegenstelle; vorab gestartet: ein Vorrat von Arbeitsprozessen, die annehmen</translation>
    </message>
    <message>
        <source> workers</source>
        <translation> Prozesse</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Na&amp;mes</source>
        <translation>Na&amp;men</translation>
    </message>
    <message>
        <source>Look up each peer&apos;s name, and confirm it</source>
        <translation>Den Namen jeder Gegenstelle nachschlagen und bestätigen</translation>
    </message>
    <message>
        <source>Pro&amp;cesses</source>
        <translation>Pro&amp;zesse</translation>
    </message>
    <message>
        <source>Find the process at the other end of each loopback peer</source>
        <translation>Den Prozess am anderen Ende jeder Loopback-Gegenstelle finden</translation>
    </message>
    <message>
        <source>Restar&amp;t server</source>
        <translation>Server neu s&amp;tarten</translation>
    </message>
    <message>
        <source>Mo&amp;del:</source>
        <translation>Mo&amp;dell:</translation>
    </message>
    <message>
        <source>Forward to:</source>
        <translation>Weiterleiten an:</translation>
    </message>
    <message numerus="yes">
        <source>(%n older byte(s) not kept)</source>
        <translation>
            <numerusform>(%n älteres Byte nicht behalten)</numerusform>
            <numerusform>(%n ältere Bytes nicht behalten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Socket options</source>
        <translation>Socket-Optionen</translation>
    </message>
    <message>
        <source>Peers are closed (reason restart) and workers started again; the listening sockets stay open, so nobody is refused meanwhile</source>
        <translation>Gegenstellen werden geschlossen (Grund restart) und Arbeitsprozesse neu gestartet; die lauschenden Sockets bleiben offen, so wird derweil niemand abgewiesen</translation>
    </message>
</context>
<context>
    <name>SessionConsole</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>Hex-Dump</translation>
    </message>
    <message>
        <source>How new data is shown; the transcript keeps every byte either way</source>
        <translation>Wie neue Daten gezeigt werden; das Protokoll behält in jedem Fall jedes Byte</translation>
    </message>
    <message>
        <source>Save transcr&amp;ipt…</source>
        <translation>Protokoll spe&amp;ichern …</translation>
    </message>
    <message>
        <source>What is sent (→) and received (←) appears here.</source>
        <translation>Was gesendet (→) und empfangen (←) wird, erscheint hier.</translation>
    </message>
    <message>
        <source>Text to send (\r \n \t \0 \xHH), or hex digits</source>
        <translation>Zu sendender Text (\r \n \t \0 \xHH) oder Hex-Ziffern</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>+ LF</source>
        <translation>+ LF</translation>
    </message>
    <message>
        <source>+ CRLF</source>
        <translation>+ CRLF</translation>
    </message>
    <message>
        <source>no line ending</source>
        <translation>ohne Zeilenende</translation>
    </message>
    <message>
        <source>Sen&amp;d</source>
        <translation>Sen&amp;den</translation>
    </message>
    <message>
        <source>Half-clo&amp;se</source>
        <translation>Halb &amp;schließen</translation>
    </message>
    <message>
        <source>Shut down our writing side (FIN); keep reading what the peer sends</source>
        <translation>Unsere Schreibseite schließen (FIN); weiter lesen, was die Gegenseite sendet</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Sch&amp;ließen</translation>
    </message>
    <message>
        <source>Abort (RS&amp;T)</source>
        <translation>Abbrechen (RS&amp;T)</translation>
    </message>
    <message>
        <source>Close with a reset instead of a FIN (SO_LINGER 0)</source>
        <translation>Mit einem Reset statt FIN schließen (SO_LINGER 0)</translation>
    </message>
    <message numerus="yes">
        <source>%1 ms %2 %n byte(s)</source>
        <translation>
            <numerusform>%1 ms %2 %n Byte</numerusform>
            <numerusform>%1 ms %2 %n Bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more chunk(s) (%1 bytes) not shown here; the transcript has them
</source>
        <translation>
            <numerusform>… %n weiterer Block (%1 Bytes) hier nicht gezeigt; das Protokoll hat ihn
</numerusform>
            <numerusform>… %n weitere Blöcke (%1 Bytes) hier nicht gezeigt; das Protokoll hat sie
</numerusform>
        </translation>
    </message>
    <message>
        <source>received %1 bytes · sent %2 bytes</source>
        <translation>%1 Bytes empfangen · %2 Bytes gesendet</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Save the transcript</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <source>Transcript saved to %1.</source>
        <translation>Protokoll in %1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>… %n more byte(s) of this chunk in the transcript</source>
        <translation>
            <numerusform>… %n weiteres Byte dieses Blocks im Protokoll</numerusform>
            <numerusform>… %n weitere Bytes dieses Blocks im Protokoll</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent: the connection is closed or half-closed.</source>
        <translation>Nichts gesendet: die Verbindung ist geschlossen oder halb geschlossen.</translation>
    </message>
</context>
<context>
    <name>SignalsCommand</name>
    <message>
        <source>%1 ms  %2 (%3) from pid %4, uid %5, %6</source>
        <translation>%1 ms  %2 (%3) von PID %4, UID %5, %6</translation>
    </message>
    <message>
        <source>, value %1</source>
        <translation>, Wert %1</translation>
    </message>
    <message>
        <source>Shows every signal this process receives, as it arrives: its number and name, the pid and uid of its sender, how it was sent (SI_USER for kill, SI_QUEUE for sigqueue with its value, SI_TKILL, SI_KERNEL). Without --signals every signal that can be watched is, except SIGINT and SIGTERM, which end the watch, and SIGTSTP, which stops it (Ctrl-Z). A signal not watched does what it would do to any program.</source>
        <translation>Zeigt jedes Signal, das dieser Prozess empfängt, sobald es ankommt: seine Nummer und seinen Namen, PID und UID des Senders und wie es gesendet wurde (SI_USER für kill, SI_QUEUE für sigqueue mit seinem Wert, SI_TKILL, SI_KERNEL). Ohne --signals wird jedes beobachtbare Signal beobachtet, außer SIGINT und SIGTERM, die die Beobachtung beenden, und SIGTSTP, das sie anhält (Strg-Z). Ein nicht beobachtetes Signal tut, was es mit jedem Programm tun würde.</translation>
    </message>
    <message>
        <source>The signals to watch, separated by commas: USR1, SIGUSR1, 10, RTMIN+3.</source>
        <translation>Die zu beobachtenden Signale, durch Kommas getrennt: USR1, SIGUSR1, 10, RTMIN+3.</translation>
    </message>
    <message>
        <source>list</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Stop after N seconds (exit status 0).</source>
        <translation>Nach N Sekunden stoppen (Exit-Status 0).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>Watching %1 in pid %2.
</source>
        <translation>Beobachte %1 in PID %2.
</translation>
    </message>
    <message>
        <source>process group %1</source>
        <translation>Prozessgruppe %1</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot send %1 to %2: %3</source>
        <translation>kann %1 nicht an %2 senden: %3</translation>
    </message>
    <message>
        <source>%1 exists and may be signalled.
</source>
        <translation>%1 existiert und darf Signale empfangen.
</translation>
    </message>
    <message>
        <source>Sent %1 (%2) to %3</source>
        <translation>Gesendet: %1 (%2) an %3</translation>
    </message>
    <message>
        <source> with value %1</source>
        <translation> mit Wert %1</translation>
    </message>
    <message>
        <source>Sends SIGNAL (a name such as USR1 or SIGUSR1, a number, RTMIN+n; 0 only checks that the process exists and may be signalled) to PID (&apos;self&apos; for this process) or, with --group, to every process of a process group. With --value it is sent with sigqueue and that value.</source>
        <translation>Sendet SIGNAL (ein Name wie USR1 oder SIGUSR1, eine Zahl, RTMIN+n; 0 prüft nur, ob der Prozess existiert und Signale empfangen darf) an PID (&apos;self&apos; für diesen Prozess) oder mit --group an jeden Prozess einer Prozessgruppe. Mit --value wird es mit sigqueue und diesem Wert gesendet.</translation>
    </message>
    <message>
        <source>The signal.</source>
        <translation>Das Signal.</translation>
    </message>
    <message>
        <source>SIGNAL</source>
        <translation>SIGNAL</translation>
    </message>
    <message>
        <source>The process, or &apos;self&apos;.</source>
        <translation>Der Prozess oder &apos;self&apos;.</translation>
    </message>
    <message>
        <source>[PID]</source>
        <translation>[PID]</translation>
    </message>
    <message>
        <source>Send to the process group PGID instead.</source>
        <translation>Stattdessen an die Prozessgruppe PGID senden.</translation>
    </message>
    <message>
        <source>PGID</source>
        <translation>PGID</translation>
    </message>
    <message>
        <source>Send with sigqueue and this integer value.</source>
        <translation>Mit sigqueue und diesem ganzzahligen Wert senden.</translation>
    </message>
    <message>
        <source>Lists every signal a process can be sent: its number, its name (real-time ones as SIGRTMIN+n), what it does to a program that does not catch it, and whether it can be caught at all.</source>
        <translation>Listet jedes Signal auf, das einem Prozess gesendet werden kann: seine Nummer, seinen Namen (Echtzeitsignale als SIGRTMIN+n), was es mit einem Programm tut, das es nicht abfängt, und ob es sich überhaupt abfangen lässt.</translation>
    </message>
    <message>
        <source>terminate</source>
        <translation>beenden</translation>
    </message>
    <message>
        <source>terminate, core dump</source>
        <translation>beenden, Core-Dump</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>anhalten</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>fortsetzen</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>ignorieren</translation>
    </message>
    <message>
        <source>cannot be caught, blocked or ignored</source>
        <translation>kann nicht abgefangen, blockiert oder ignoriert werden</translation>
    </message>
    <message>
        <source>say what to do: watch, send or list</source>
        <translation>geben Sie an, was zu tun ist: watch, send oder list</translation>
    </message>
    <message>
        <source>“%1” is no action; use watch, send or list</source>
        <translation>„%1“ ist keine Aktion; erlaubt sind watch, send oder list</translation>
    </message>
</context>
<context>
    <name>SignalsTab</name>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Sender pid</source>
        <translation>PID des Senders</translation>
    </message>
    <message>
        <source>Sender uid</source>
        <translation>UID des Senders</translation>
    </message>
    <message>
        <source>How sent</source>
        <translation>Sendeart</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Deliveries (this window is pid %1)</source>
        <translation>Zustellungen (dieses Fenster ist PID %1)</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Beobachten</translation>
    </message>
    <message>
        <source>Reports a fault of the program itself: not watched</source>
        <translation>Meldet einen Fehler des Programms selbst: nicht beobachtet</translation>
    </message>
    <message>
        <source>Cannot be caught, blocked or ignored</source>
        <translation>Kann nicht abgefangen, blockiert oder ignoriert werden</translation>
    </message>
    <message>
        <source>A signal not watched does what it does to any program.</source>
        <translation>Ein nicht beobachtetes Signal tut, was es mit jedem Programm tut.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>to the process &amp;group</source>
        <translation>an die Prozess&amp;gruppe</translation>
    </message>
    <message>
        <source>none: kill(); a number: sigqueue()</source>
        <translation>leer: kill(); eine Zahl: sigqueue()</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Si&amp;gnal:</source>
        <translation>Sig&amp;nal:</translation>
    </message>
    <message>
        <source>&amp;Pid:</source>
        <translation>&amp;PID:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>pid: “%1” is not a process number</source>
        <translation>PID: „%1“ ist keine Prozessnummer</translation>
    </message>
    <message>
        <source>value: “%1” is not a number</source>
        <translation>Wert: „%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>It exists and may be signalled.</source>
        <translation>Er existiert und darf Signale empfangen.</translation>
    </message>
    <message>
        <source>Sent %1.</source>
        <translation>%1 gesendet.</translation>
    </message>
</context>
<context>
    <name>SocketOptionFlags</name>
    <message>
        <source>Only this IP version: any, inet or inet6.</source>
        <translation>Nur diese IP-Version: any, inet oder inet6.</translation>
    </message>
    <message>
        <source>family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Local address and/or port to bind first: 127.0.0.1, [::1]:5000, :5000.</source>
        <translation>Lokale Adresse und/oder Port, an die zuerst gebunden wird: 127.0.0.1, [::1]:5000, :5000.</translation>
    </message>
    <message>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <source>Set SO_REUSEADDR.</source>
        <translation>SO_REUSEADDR setzen.</translation>
    </message>
    <message>
        <source>Set SO_REUSEPORT.</source>
        <translation>SO_REUSEPORT setzen.</translation>
    </message>
    <message>
        <source>Set SO_BROADCAST.</source>
        <translation>SO_BROADCAST setzen.</translation>
    </message>
    <message>
        <source>IPV6_V6ONLY on IPv6 sockets: on or off.</source>
        <translation>IPV6_V6ONLY auf IPv6-Sockets: on oder off.</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Set TCP_NODELAY (no Nagle delay).</source>
        <translation>TCP_NODELAY setzen (keine Nagle-Verzögerung).</translation>
    </message>
    <message>
        <source>Set SO_KEEPALIVE.</source>
        <translation>SO_KEEPALIVE setzen.</translation>
    </message>
    <message>
        <source>SO_LINGER 0: closing sends RST.</source>
        <translation>SO_LINGER 0: Schließen sendet RST.</translation>
    </message>
    <message>
        <source>SO_RCVBUF in bytes (the kernel doubles and caps it).</source>
        <translation>SO_RCVBUF in Bytes (der Kernel verdoppelt und begrenzt ihn).</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>SO_SNDBUF in bytes (the kernel doubles and caps it).</source>
        <translation>SO_SNDBUF in Bytes (der Kernel verdoppelt und begrenzt ihn).</translation>
    </message>
    <message>
        <source>SO_BINDTODEVICE: use only this interface.</source>
        <translation>SO_BINDTODEVICE: nur diese Schnittstelle verwenden.</translation>
    </message>
    <message>
        <source>ifname</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>TTL (IPv4) or hop limit (IPv6), 1 to 255.</source>
        <translation>TTL (IPv4) oder Hop-Limit (IPv6), 1 bis 255.</translation>
    </message>
    <message>
        <source>hops</source>
        <translation>Hops</translation>
    </message>
    <message>
        <source>TOS (IPv4) or traffic class (IPv6), 0 to 255.</source>
        <translation>TOS (IPv4) oder Traffic Class (IPv6), 0 bis 255.</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>UDP instead of TCP.</source>
        <translation>UDP statt TCP.</translation>
    </message>
    <message>
        <source>For a Unix socket: stream, dgram or seqpacket.</source>
        <translation>Für einen Unix-Socket: stream, dgram oder seqpacket.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>SocketOptionsPanel</name>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>stream</translation>
    </message>
    <message>
        <source>datagram</source>
        <translation>datagram</translation>
    </message>
    <message>
        <source>seqpacket</source>
        <translation>seqpacket</translation>
    </message>
    <message>
        <source>The socket type for a unix: target</source>
        <translation>Der Socket-Typ für ein unix:-Ziel</translation>
    </message>
    <message>
        <source>any family</source>
        <translation>jede Familie</translation>
    </message>
    <message>
        <source>IPv4 only</source>
        <translation>nur IPv4</translation>
    </message>
    <message>
        <source>IPv6 only</source>
        <translation>nur IPv6</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Local address to connect from: chosen from this machine&apos;s interfaces, or typed</source>
        <translation>Lokale Adresse, von der aus verbunden wird: aus den Schnittstellen dieses Rechners gewählt oder eingegeben</translation>
    </message>
    <message>
        <source>any port</source>
        <translation>beliebiger Port</translation>
    </message>
    <message>
        <source>any interface</source>
        <translation>jede Schnittstelle</translation>
    </message>
    <message>
        <source>SO_BINDTODEVICE: send and receive only through this interface</source>
        <translation>SO_BINDTODEVICE: nur über diese Schnittstelle senden und empfangen</translation>
    </message>
    <message>
        <source>v6only: system default</source>
        <translation>v6only: Systemvorgabe</translation>
    </message>
    <message>
        <source>v6only: on</source>
        <translation>v6only: an</translation>
    </message>
    <message>
        <source>v6only: off</source>
        <translation>v6only: aus</translation>
    </message>
    <message>
        <source>kernel&apos;s own</source>
        <translation>Kernel-Vorgabe</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>How long one attempt may take</source>
        <translation>Wie lange ein Versuch dauern darf</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>How long the whole race may take</source>
        <translation>Wie lange der ganze Wettlauf dauern darf</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>SO_RCVBUF in bytes (the kernel doubles it and caps it)</source>
        <translation>SO_RCVBUF in Bytes (der Kernel verdoppelt und begrenzt ihn)</translation>
    </message>
    <message>
        <source>SO_SNDBUF in bytes (the kernel doubles it and caps it)</source>
        <translation>SO_SNDBUF in Bytes (der Kernel verdoppelt und begrenzt ihn)</translation>
    </message>
    <message>
        <source>TTL (IPv4) or hop limit (IPv6)</source>
        <translation>TTL (IPv4) oder Hop-Limit (IPv6)</translation>
    </message>
    <message>
        <source>TOS (IPv4) or traffic class (IPv6)</source>
        <translation>TOS (IPv4) oder Traffic Class (IPv6)</translation>
    </message>
    <message>
        <source>Tr&amp;ansport:</source>
        <translation>Tr&amp;ansport:</translation>
    </message>
    <message>
        <source>Attempt timeout:</source>
        <translation>Zeitlimit je Versuch:</translation>
    </message>
    <message>
        <source>Overall:</source>
        <translation>Insgesamt:</translation>
    </message>
    <message>
        <source>&amp;Bind:</source>
        <translation>&amp;Binden:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Receive buffer:</source>
        <translation>Empfangspuffer:</translation>
    </message>
    <message>
        <source>Send buffer:</source>
        <translation>Sendepuffer:</translation>
    </message>
    <message>
        <source>TTL:</source>
        <translation>TTL:</translation>
    </message>
    <message>
        <source>TOS:</source>
        <translation>TOS:</translation>
    </message>
    <message>
        <source>SO_REUSEADDR</source>
        <translation>SO_REUSEADDR</translation>
    </message>
    <message>
        <source>SO_REUSEPORT</source>
        <translation>SO_REUSEPORT</translation>
    </message>
    <message>
        <source>SO_BROADCAST</source>
        <translation>SO_BROADCAST</translation>
    </message>
    <message>
        <source>TCP_NODELAY</source>
        <translation>TCP_NODELAY</translation>
    </message>
    <message>
        <source>SO_KEEPALIVE</source>
        <translation>SO_KEEPALIVE</translation>
    </message>
    <message>
        <source>close with RST (SO_LINGER 0)</source>
        <translation>mit RST schließen (SO_LINGER 0)</translation>
    </message>
    <message>
        <source>IPV6_V6ONLY on IPv6 sockets</source>
        <translation>IPV6_V6ONLY auf IPv6-Sockets</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Familie:</translation>
    </message>
</context>
<context>
    <name>SysvCommand</name>
    <message>
        <source>It stays until removed: sockscope ipc %1 rm %2
</source>
        <translation>Es bleibt bestehen, bis es entfernt wird: sockscope ipc %1 rm %2
</translation>
    </message>
    <message>
        <source>System V IPC as perlipc shows it. Actions name an object by its id, so one run can use what another created; `create` leaves the object there (remove it with `rm ID`). With no action: a create-use-remove round trip that checks what it shows; exit status 1 when it does not hold.
shm: create [--size N] | write ID DATA [--offset N] [--hex] | read ID [--offset N] [--length N] | rm ID
sem: create [--count N] | op ID NUM:OP[:nowait,undo]... | set ID NUM VALUE | get ID | rm ID
msg: create | send ID TYPE DATA [--hex] | recv ID [TYPE] [--max-bytes N] | rm ID (a negative TYPE after --)
op, send and recv wait (on a worker) unless --nowait; --max-seconds N cancels a wait after N seconds.</source>
        <translation>System-V-IPC, wie perlipc es zeigt. Aktionen benennen ein Objekt über seine ID, sodass ein Lauf verwenden kann, was ein anderer erstellt hat; `create` lässt das Objekt bestehen (entfernen mit `rm ID`). Ohne Aktion: ein Durchlauf aus Erstellen, Verwenden und Entfernen, der prüft, was er zeigt; Exit-Status 1, wenn es nicht zutrifft.
shm: create [--size N] | write ID DATA [--offset N] [--hex] | read ID [--offset N] [--length N] | rm ID
sem: create [--count N] | op ID NUM:OP[:nowait,undo]... | set ID NUM VALUE | get ID | rm ID
msg: create | send ID TYPE DATA [--hex] | recv ID [TYPE] [--max-bytes N] | rm ID (ein negativer TYPE nach --)
op, send und recv warten (in einem Worker-Thread), außer mit --nowait; --max-seconds N bricht ein Warten nach N Sekunden ab.</translation>
    </message>
    <message>
        <source>What to do, and its arguments.</source>
        <translation>Was zu tun ist, und die Argumente dazu.</translation>
    </message>
    <message>
        <source>[ACTION ARGS...]</source>
        <translation>[AKTION ARGUMENTE...]</translation>
    </message>
    <message>
        <source>One JSON object a line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <source>create: a key (decimal or 0x hex) instead of IPC_PRIVATE.</source>
        <translation>create: ein Schlüssel (dezimal oder hexadezimal mit 0x) statt IPC_PRIVATE.</translation>
    </message>
    <message>
        <source>create: permission bits, octal (default 600).</source>
        <translation>create: Zugriffsrechte, oktal (Vorgabe 600).</translation>
    </message>
    <message>
        <source>shm create: bytes (default 4096).</source>
        <translation>shm create: Bytes (Vorgabe 4096).</translation>
    </message>
    <message>
        <source>sem create: semaphores in the set (default 1).</source>
        <translation>sem create: Semaphoren in der Menge (Vorgabe 1).</translation>
    </message>
    <message>
        <source>shm write, read: where in the segment.</source>
        <translation>shm write, read: wo im Segment.</translation>
    </message>
    <message>
        <source>shm read: how many bytes (default: to the end).</source>
        <translation>shm read: wie viele Bytes (Vorgabe: bis zum Ende).</translation>
    </message>
    <message>
        <source>DATA is hex digits, not text with \n, \xHH escapes.</source>
        <translation>DATA sind Hex-Ziffern, kein Text mit Escapes wie \n, \xHH.</translation>
    </message>
    <message>
        <source>IPC_NOWAIT: fail with EAGAIN or ENOMSG instead of waiting.</source>
        <translation>IPC_NOWAIT: mit EAGAIN oder ENOMSG scheitern, statt zu warten.</translation>
    </message>
    <message>
        <source>msg recv: the longest message taken (default 8192).</source>
        <translation>msg recv: die längste angenommene Nachricht (Vorgabe 8192).</translation>
    </message>
    <message>
        <source>Cancel a wait after N seconds.</source>
        <translation>Ein Warten nach N Sekunden abbrechen.</translation>
    </message>
</context>
<context>
    <name>SysvEventText</name>
    <message>
        <source>created %1 %2 (key %3, mode %4</source>
        <translation>%1 %2 erstellt (Schlüssel %3, Modus %4</translation>
    </message>
    <message numerus="yes">
        <source>, %n byte(s)</source>
        <translation>
            <numerusform>, %n Byte</numerusform>
            <numerusform>, %n Bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n semaphore(s)</source>
        <translation>
            <numerusform>, %n Semaphor</numerusform>
            <numerusform>, %n Semaphoren</numerusform>
        </translation>
    </message>
    <message>
        <source>, room for %1 bytes</source>
        <translation>, Platz für %1 Bytes</translation>
    </message>
    <message>
        <source>%1 on %2 %3 waits (waiter %4)…</source>
        <translation>%1 auf %2 %3 wartet (Wartender %4)…</translation>
    </message>
    <message>
        <source>%1 on %2 %3 failed: %4</source>
        <translation>%1 auf %2 %3 fehlgeschlagen: %4</translation>
    </message>
    <message>
        <source>wrote %1 bytes at offset %2: %3</source>
        <translation>%1 Bytes bei Offset %2 geschrieben: %3</translation>
    </message>
    <message>
        <source>read %1 bytes at offset %2: %3</source>
        <translation>%1 Bytes bei Offset %2 gelesen: %3</translation>
    </message>
    <message>
        <source>attached %1 %2: attached %3 time(s) now</source>
        <translation>%1 %2 angehängt: jetzt %3-mal angehängt</translation>
    </message>
    <message>
        <source>detached %1 %2: attached %3 time(s) now</source>
        <translation>%1 %2 abgehängt: jetzt %3-mal angehängt</translation>
    </message>
    <message>
        <source>sent a message of type %1, %2 bytes: %3</source>
        <translation>Nachricht vom Typ %1 gesendet, %2 Bytes: %3</translation>
    </message>
    <message>
        <source>received a message of type %1, %2 bytes: %3</source>
        <translation>Nachricht vom Typ %1 empfangen, %2 Bytes: %3</translation>
    </message>
    <message>
        <source>#%1 = %2 (%3 waiting to take, %4 for zero)</source>
        <translation>#%1 = %2 (%3 warten aufs Nehmen, %4 auf null)</translation>
    </message>
    <message>
        <source>%1 on sem %2: %3</source>
        <translation>%1 auf sem %2: %3</translation>
    </message>
    <message>
        <source>removed %1 %2</source>
        <translation>%1 %2 entfernt</translation>
    </message>
    <message>
        <source>: still attached %1 time(s), so it stays listed (key 0) until the last detach</source>
        <translation>: noch %1-mal angehängt, bleibt daher bis zum letzten Abhängen gelistet (Schlüssel 0)</translation>
    </message>
    <message>
        <source>could not %1 %2 %3: %4</source>
        <translation>%1 auf %2 %3 nicht möglich: %4</translation>
    </message>
    <message>
        <source>checked: %1</source>
        <translation>geprüft: %1</translation>
    </message>
    <message>
        <source>DOES NOT HOLD: %1</source>
        <translation>GILT NICHT: %1</translation>
    </message>
</context>
<context>
    <name>SysvOperations</name>
    <message>
        <source>Select an object in the list to operate on it.</source>
        <translation>Wählen Sie ein Objekt in der Liste, um damit zu arbeiten.</translation>
    </message>
    <message>
        <source>Cancel waits</source>
        <translation>Warten abbrechen</translation>
    </message>
    <message>
        <source>Text to write (\n, \xHH escapes)</source>
        <translation>Zu schreibender Text (\n, \xHH als Escapes)</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Read to the end</source>
        <translation>Bis zum Ende lesen</translation>
    </message>
    <message>
        <source>Below 0 takes (waits while the value is too low), above 0 gives, 0 waits for zero.</source>
        <translation>Unter 0 nimmt (wartet, solange der Wert zu klein ist), über 0 gibt, 0 wartet auf null.</translation>
    </message>
    <message>
        <source>Do not wait (IPC_NOWAIT)</source>
        <translation>Nicht warten (IPC_NOWAIT)</translation>
    </message>
    <message>
        <source>semop</source>
        <translation>semop</translation>
    </message>
    <message>
        <source>Sending: 1 or more. Receiving: 0 takes the first message, N the first of type N, -N the first of the lowest type up to N.</source>
        <translation>Senden: 1 oder mehr. Empfangen: 0 nimmt die erste Nachricht, N die erste vom Typ N, -N die erste vom kleinsten Typ bis N.</translation>
    </message>
    <message>
        <source>Message text (\n, \xHH escapes)</source>
        <translation>Nachrichtentext (\n, \xHH als Escapes)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>A message is sent with a type of 1 or more.</source>
        <translation>Eine Nachricht wird mit einem Typ von 1 oder mehr gesendet.</translation>
    </message>
    <message>
        <source>Operations on %1 %2:</source>
        <translation>Operationen auf %1 %2:</translation>
    </message>
    <message>
        <source>The text has a malformed escape at byte %1.</source>
        <translation>Der Text enthält bei Byte %1 eine fehlerhafte Escape-Sequenz.</translation>
    </message>
    <message>
        <source>&amp;Offset:</source>
        <translation>&amp;Offset:</translation>
    </message>
    <message>
        <source>&amp;Semaphore:</source>
        <translation>&amp;Semaphor:</translation>
    </message>
    <message>
        <source>&amp;Change by:</source>
        <translation>Ä&amp;ndern um:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
</context>
<context>
    <name>SysvPanel</name>
    <message>
        <source>%1 bytes, attached %2</source>
        <translation>%1 Bytes, %2-mal angehängt</translation>
    </message>
    <message>
        <source>%1 semaphores</source>
        <translation>%1 Semaphoren</translation>
    </message>
    <message>
        <source>%1 messages, %2 bytes</source>
        <translation>%1 Nachrichten, %2 Bytes</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Owner uid</source>
        <translation>UID des Besitzers</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>New shared memory</source>
        <translation>Neues Shared-Memory-Segment</translation>
    </message>
    <message>
        <source>New semaphore set</source>
        <translation>Neue Semaphor-Menge</translation>
    </message>
    <message>
        <source>New message queue</source>
        <translation>Neue Nachrichtenwarteschlange</translation>
    </message>
    <message>
        <source>Re&amp;move selected</source>
        <translation>Auswahl &amp;entfernen</translation>
    </message>
    <message>
        <source>Objects made here are removed when the window closes.</source>
        <translation>Hier erstellte Objekte werden beim Schließen des Fensters entfernt.</translation>
    </message>
    <message>
        <source>Could not create it: %1</source>
        <translation>Konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Select an object to remove.</source>
        <translation>Wählen Sie ein Objekt zum Entfernen aus.</translation>
    </message>
    <message>
        <source>Could not remove it: %1</source>
        <translation>Konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>Removed, but still attached %1 times: it stays listed until the last detach.</source>
        <translation>Entfernt, aber noch %1-mal angehängt: Es bleibt bis zum letzten Abhängen gelistet.</translation>
    </message>
    <message>
        <source>removed, stays until the last detach</source>
        <translation>entfernt, bleibt bis zum letzten Abhängen</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Verwendung</translation>
    </message>
    <message>
        <source>What is done here, in words.</source>
        <translation>Was hier getan wird, in Worten.</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>Every attempt on every address appears here, live.</source>
        <translation>Jeder Versuch auf jeder Adresse erscheint hier, live.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>winner</source>
        <translation>Gewinner</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>no file for the transcript: %1</source>
        <translation>keine Datei für das Protokoll: %1</translation>
    </message>
    <message>
        <source>the transcript could not be written: %1</source>
        <translation>das Protokoll konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>there is no transcript</source>
        <translation>es gibt kein Protokoll</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 ms  ← %2 bytes received
</source>
        <translation>%1 ms  ← %2 Bytes empfangen
</translation>
    </message>
    <message>
        <source>%1 ms  → %2 bytes sent
</source>
        <translation>%1 ms  → %2 Bytes gesendet
</translation>
    </message>
</context>
</TS>
